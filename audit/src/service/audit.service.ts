import { Inject, Injectable, Optional } from '@nestjs/common';
import { type Actor, Clock, SystemClock } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditSealerScheduler } from '../seal/audit-sealer.scheduler.js';
import { AuditEventRepository } from '../store/audit-event.repository.js';
import { type AuditEntry, toEventInsert } from './audit-entry.js';

/**
 * Writes audit records. `record()` joins the caller's ambient transaction, so the record
 * commits or rolls back with the change it describes; `recordOutside()` writes on its own,
 * for outcomes whose transaction rolled back (failures, denials, failed logins).
 */
@Injectable()
export class AuditService {
  private readonly events = new AuditEventRepository();
  private readonly clock: Clock;

  constructor(
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AuditSealerScheduler) private readonly sealer: AuditSealerScheduler,
    @Optional() @Inject(Clock) clock?: Clock,
  ) {
    this.clock = clock ?? new SystemClock();
  }

  /** Appends a record in the ambient transaction (or on its own when there is none). */
  async record(actor: Actor, entry: AuditEntry): Promise<void> {
    const event = toEventInsert(actor, entry, this.clock.now());
    await this.events.append(this.tx.manager(), event);
    // Sealing only sees committed events; waking it before the commit would find nothing.
    await this.tx.afterCommit(() => this.sealer.wake());
  }

  /** Appends a record outside any ambient transaction: it survives that transaction's rollback. */
  recordOutside(actor: Actor, entry: AuditEntry): Promise<void> {
    return this.tx.outside(() => this.record(actor, entry));
  }

  /** Seals every committed record into the hash chain now (tests, exports, shutdown). */
  async sealNow(): Promise<number> {
    // Inside a transaction its own records are invisible to the sealer, and on embedded PGlite
    // the sealer's queries would wait for this very transaction to end.
    if (this.tx.inTransaction()) throw new Error('AuditService.sealNow() must be called outside a transaction');
    return this.sealer.sealNow();
  }
}
