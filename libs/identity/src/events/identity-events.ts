import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionContext } from '@enclave/database';
import type { IdentityEvent } from './identity-event.js';

export type IdentityEventListener = (event: IdentityEvent) => void | Promise<void>;

/**
 * In-process bus of committed identity changes. `publishAfterCommit` queues the event on the
 * ambient transaction, so a rolled-back deactivation never disconnects anyone. Listeners that
 * throw are logged and never affect the caller or each other. Cross-node delivery is the
 * listener's business (realtime goes through the socket.io Redis adapter).
 */
@Injectable()
export class IdentityEvents {
  private readonly logger = new Logger('IdentityEvents');
  private readonly listeners = new Set<IdentityEventListener>();

  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  /** Returns the unsubscribe function. */
  subscribe(listener: IdentityEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async publishAfterCommit(event: IdentityEvent): Promise<void> {
    await this.tx.afterCommit(() => this.publish(event));
  }

  publish(event: IdentityEvent): void {
    for (const listener of this.listeners) {
      try {
        const result = listener(event);
        if (result instanceof Promise) result.catch((error: unknown) => this.failed(error, event));
      } catch (error) {
        this.failed(error, event);
      }
    }
  }

  private failed(error: unknown, event: IdentityEvent): void {
    this.logger.error({ err: error, type: event.type, userId: event.userId }, 'identity event listener failed');
  }
}
