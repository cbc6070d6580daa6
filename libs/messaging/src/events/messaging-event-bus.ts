import { Injectable, Logger } from '@nestjs/common';
import { ListenerSet, type Listener } from '@enclave/core';
import type { DomainEvent } from './domain-event.js';

export type DomainEventListener = Listener<DomainEvent>;

/**
 * In-process fan-out of committed messaging events (the realtime gateway, later push and
 * webhooks subscribe). Events are published only after their transaction commits, in the
 * order they were recorded. A listener that throws or rejects is logged and never affects the
 * caller (the change is already committed and acknowledged) nor the other listeners.
 *
 * Delivery is best effort by design: a listener on another node, a dropped socket or a crash
 * between commit and publish is covered by clients catching up from their last seq. Within a
 * conversation, publish order follows commit order (the seq lock serialises writers), but
 * listeners should still treat a seq jump as "catch up", never as an error.
 */
@Injectable()
export class MessagingEventBus {
  private readonly logger = new Logger('MessagingEventBus');
  private readonly listeners = new ListenerSet<DomainEvent>((error, event) =>
    this.logger.error({ err: error, type: event.type, audience: event.audience }, 'messaging event listener failed'),
  );

  /** Returns the unsubscribe function. */
  subscribe(listener: DomainEventListener): () => void {
    return this.listeners.add(listener);
  }

  publish(events: readonly DomainEvent[]): void {
    for (const event of events) this.listeners.emit(event);
  }
}
