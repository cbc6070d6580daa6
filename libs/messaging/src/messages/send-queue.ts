import { Injectable, Logger } from '@nestjs/common';

/** At most this many sends share one transaction. */
export const MAX_GROUPED_SENDS = 100;

/**
 * Group commit for sends, per conversation and per node. A send to a conversation with no
 * transaction of this node under way starts one at once (no added latency); sends arriving
 * while it runs wait here, not on the database's row lock, and the next transaction takes
 * all of them. Each conversation's seq lock is then held once per group instead of once per
 * message, so a conversation sustains many times the sends of one lock round per message, and
 * a slow commit (fsync) is paid once per group.
 */
@Injectable()
export class SendQueue {
  private readonly logger = new Logger('SendQueue');
  private readonly queues = new Map<string, unknown[]>();

  /** `run` settles every item it is given and never rejects. */
  submit<T>(conversationId: string, item: T, run: (items: T[]) => Promise<void>): void {
    const queue = this.queues.get(conversationId) as T[] | undefined;
    if (queue) {
      queue.push(item);
      return;
    }
    const fresh: T[] = [item];
    this.queues.set(conversationId, fresh);
    void this.drain(conversationId, fresh, run);
  }

  private async drain<T>(conversationId: string, queue: T[], run: (items: T[]) => Promise<void>): Promise<void> {
    while (queue.length > 0) {
      const group = queue.splice(0, MAX_GROUPED_SENDS);
      await run(group).catch((error: unknown) => this.logger.error({ err: error, conversationId }, 'grouped send failed unexpectedly'));
    }
    this.queues.delete(conversationId);
  }
}
