import { Inject, Injectable, Logger } from '@nestjs/common';
import { ListenerSet, type Listener } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import type { IdentityEvent } from './identity-event.js';

export type IdentityEventListener = Listener<IdentityEvent>;

/**
 * In-process bus of committed identity changes. `publishAfterCommit` queues the event on the
 * ambient transaction, so a rolled-back deactivation never disconnects anyone. Listeners that
 * throw are logged and never affect the caller or each other. Cross-node delivery is the
 * listener's business (realtime goes through the socket.io Redis adapter).
 */
@Injectable()
export class IdentityEvents {
  private readonly logger = new Logger('IdentityEvents');
  private readonly listeners = new ListenerSet<IdentityEvent>((error, event) =>
    this.logger.error({ err: error, type: event.type, userId: event.userId }, 'identity event listener failed'),
  );

  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  /** Returns the unsubscribe function. */
  subscribe(listener: IdentityEventListener): () => void {
    return this.listeners.add(listener);
  }

  async publishAfterCommit(event: IdentityEvent): Promise<void> {
    await this.tx.afterCommit(() => this.publish(event));
  }

  publish(event: IdentityEvent): void {
    this.listeners.emit(event);
  }
}
