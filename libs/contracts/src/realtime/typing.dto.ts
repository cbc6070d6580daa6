import { IsOptional, IsUUID } from 'class-validator';

/** `typing.start` / `typing.stop`; never stored. */
export class TypingRequest {
  @IsUUID()
  conversationId!: string;

  /** Typing in a thread: the root message's id. */
  @IsOptional()
  @IsUUID()
  threadRootId?: string;
}

/** Server → client `typing`. Drop the indicator after `expiresInMs` unless refreshed. */
export interface TypingEvent {
  readonly conversationId: string;
  readonly threadRootId?: string;
  readonly userId: string;
  readonly typing: boolean;
  readonly expiresInMs: number;
}
