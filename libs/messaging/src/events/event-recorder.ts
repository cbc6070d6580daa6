import { Inject, Injectable } from '@nestjs/common';
import type { ConversationEventPayloads, ConversationEventType, UserEventPayloads, UserEventType } from '@enclave/contracts';
import { TransactionContext } from '@enclave/database';
import { conversationEvent, userEvents, type ConversationDomainEvent, type DomainEvent, type UserDomainEvent } from './domain-event.js';
import { EventLogRepository } from './event-log.repository.js';
import { MessagingEventBus } from './messaging-event-bus.js';

export interface PendingConversationEvent<T extends ConversationEventType = ConversationEventType> {
  readonly type: T;
  readonly payload: ConversationEventPayloads[T];
  /** What to store instead of `payload` (message events store a reference, see the migration). */
  readonly stored?: unknown;
  readonly messageId?: string;
}

export type PendingUserEvent = {
  [T in UserEventType]: { readonly userId: string; readonly type: T; readonly payload: UserEventPayloads[T] };
}[UserEventType];

/**
 * Records events in the ambient transaction and queues them for the bus after commit: the
 * log and the live fan-out can never disagree, and nothing is pushed for a rolled-back change.
 */
@Injectable()
export class EventRecorder {
  constructor(
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(EventLogRepository) private readonly log: EventLogRepository,
    @Inject(MessagingEventBus) private readonly bus: MessagingEventBus,
  ) {}

  async conversation<T extends ConversationEventType>(
    conversationId: string,
    type: T,
    payload: ConversationEventPayloads[T],
    now: Date,
  ): Promise<ConversationDomainEvent> {
    const [event] = await this.conversationBatch(conversationId, [{ type, payload }], now);
    return event;
  }

  /** Several events with consecutive seqs, in one statement. */
  async conversationBatch(conversationId: string, pending: readonly PendingConversationEvent[], now: Date): Promise<ConversationDomainEvent[]> {
    if (pending.length === 0) return [];
    const first = await this.log.appendConversationEvents(
      conversationId,
      pending.map((p) => ({ type: p.type, payload: p.stored ?? p.payload, messageId: p.messageId ?? null })),
      now,
    );
    const events = pending.map((p, i) => conversationEvent(conversationId, first + i, p.type, p.payload, now));
    await this.publishAfterCommit(events);
    return events;
  }

  /** One event (same type and payload) to each of `userIds`. */
  async user<T extends UserEventType>(userIds: readonly string[], type: T, payload: UserEventPayloads[T], now: Date): Promise<UserDomainEvent[]> {
    return this.users([...new Set(userIds)].map((userId) => ({ userId, type, payload }) as PendingUserEvent), now);
  }

  /**
   * User events for several users (at most one each), in one statement. A transaction must
   * append all its user events in one call: user_stream rows are locked in id order per call.
   */
  async users(entries: ReadonlyArray<PendingUserEvent>, now: Date): Promise<UserDomainEvent[]> {
    const seqs = await this.log.appendUserEvents(entries, now);
    const events = userEvents(
      entries.map((e) => ({ ...e, seq: seqs.get(e.userId) ?? 0 })).sort((a, b) => a.seq - b.seq),
      now,
    );
    await this.publishAfterCommit(events);
    return events;
  }

  /** For events whose log row was written by a combined statement (the send path). */
  async publishAfterCommit(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.tx.afterCommit(() => this.bus.publish(events));
  }
}
