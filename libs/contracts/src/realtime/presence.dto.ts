import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { REALTIME_LIMITS } from './realtime-limits.js';

/** What other people see. `away` after idle or when chosen; `dnd` until an end time; `offline` with no live device. */
export type PresenceStatus = 'online' | 'away' | 'dnd' | 'offline';

/** Statuses a user may choose; `online` clears a chosen away/dnd. */
export const SETTABLE_PRESENCE = ['online', 'away', 'dnd'] as const;
export type SettablePresence = (typeof SETTABLE_PRESENCE)[number];

/** `presence.set` */
export class PresenceSetRequest {
  @IsIn(SETTABLE_PRESENCE)
  status!: SettablePresence;

  /** ISO 8601 end of a chosen away/dnd; omitted: until changed. */
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;
}

/** `presence.subscribe` / `presence.unsubscribe` */
export class PresenceSubscribeRequest {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(REALTIME_LIMITS.presenceSubscribeMaxUsers)
  @IsUUID('all', { each: true })
  userIds!: string[];
}

/** Server → client `presence`, and the items of the `presence.subscribe` ack. */
export interface PresenceEvent {
  readonly userId: string;
  readonly status: PresenceStatus;
  /** End of a chosen dnd/away, ISO 8601. */
  readonly until?: string;
}
