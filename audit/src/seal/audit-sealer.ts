import type { DataSource } from 'typeorm';
import { GENESIS_HASH, sealRecord } from '../record/record-hash.js';
import { eventToRecord } from '../store/audit-event.row.js';
import { AuditChainRepository, type NewLink } from '../store/audit-chain.repository.js';

export interface SealResult {
  /** Events linked into the chain by this call. */
  readonly sealed: number;
  /** True when another sealer held the chain or moved its head; nothing was written. */
  readonly contended: boolean;
}

/** Largest batch per seal transaction: embedded PGlite serialises transactions, keep them short. */
export const MAX_SEAL_BATCH = 1000;

/**
 * Links committed events into the hash chain ("append, then sequence", as Certificate
 * Transparency logs do). Reads and hashing happen outside any transaction; the transaction
 * only takes the chain lock, re-reads the head, inserts the links and dequeues the events.
 * If the head moved since the read (another process sealed meanwhile), nothing is written
 * and the next round starts from the new head. The database's link trigger and the seq and
 * event_id keys make a fork impossible even if this logic were wrong.
 */
export class AuditSealer {
  private readonly chain = new AuditChainRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly batchSize: number = MAX_SEAL_BATCH,
  ) {
    if (batchSize < 1 || batchSize > MAX_SEAL_BATCH) throw new RangeError(`seal batch must be 1..${MAX_SEAL_BATCH}`);
  }

  /** Seals at most one batch. */
  async sealOnce(): Promise<SealResult> {
    const head = await this.chain.head(this.dataSource);
    const events = await this.chain.pendingEvents(this.dataSource, this.batchSize);
    if (events.length === 0) return { sealed: 0, contended: false };

    const links: NewLink[] = [];
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    for (const event of events) {
      seq += 1;
      const record = sealRecord(eventToRecord(event, seq, prevHash), prevHash);
      links.push({ seq, eventId: event.id, prevHash, hash: record.hash });
      prevHash = record.hash;
    }

    return this.dataSource.transaction(async (manager) => {
      if (!(await this.chain.tryLockChain(manager))) return { sealed: 0, contended: true };
      const current = await this.chain.head(manager);
      if (current?.seq !== head?.seq || current?.hash !== head?.hash) return { sealed: 0, contended: true };
      await this.chain.appendLinks(manager, links);
      return { sealed: links.length, contended: false };
    });
  }

  /**
   * Seals until the queue is empty. When another sealer is active, waits for it rather than
   * giving up, so that on return every event committed before the call is in the chain.
   */
  async sealAll(options: { timeoutMs?: number } = {}): Promise<number> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    let total = 0;
    for (;;) {
      const result = await this.sealOnce();
      total += result.sealed;
      if (!result.contended && result.sealed < this.batchSize) return total;
      if (result.contended) {
        if (Date.now() > deadline) throw new Error('audit sealer: another sealer kept the chain busy; try again');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  }
}
