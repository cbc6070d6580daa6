import type { Queryable } from '@enclave/database';
import { chainRowToRecord } from '../store/audit-event.row.js';
import { AuditChainRepository, type AuditCounts } from '../store/audit-chain.repository.js';
import { ChainVerifier, type ChainProblem } from './chain-verifier.js';

export interface DatabaseVerification {
  readonly ok: boolean;
  /** Records checked. */
  readonly count: number;
  readonly headSeq: number | null;
  readonly headHash: string | null;
  readonly problem: ChainProblem | undefined;
  /** Counts taken before the walk. `events - links` are not yet (or never) sealed. */
  readonly counts: AuditCounts;
  /** Events neither in the chain nor queued for sealing: their queue entries were removed. */
  readonly orphans: number;
}

export interface VerifyOptions {
  readonly batchSize?: number;
  readonly onProgress?: (checked: number) => void;
}

/**
 * Walks the whole chain in seq order, in batches (constant memory), recomputing every hash and
 * checking seq contiguity, prev links and that every link's event exists. Stops at the first
 * broken record. A live server may keep appending meanwhile; the walk covers what existed
 * when each batch was read.
 */
export async function verifyDatabaseChain(q: Queryable, options: VerifyOptions = {}): Promise<DatabaseVerification> {
  const repo = new AuditChainRepository();
  const batchSize = options.batchSize ?? 2000;
  const counts = await repo.counts(q);
  const verifier = new ChainVerifier({ firstSeq: 1 });
  let afterSeq = 0;
  for (;;) {
    const rows = await repo.readLinks(q, afterSeq, Number.MAX_SAFE_INTEGER, batchSize);
    for (const row of rows) {
      const record = chainRowToRecord(row);
      if (!record) {
        verifier.fail({ seq: Number(row.seq), reason: `its event (id ${row.event_id}) is missing from audit_event` });
        break;
      }
      if (verifier.push(record)) break;
    }
    if (verifier.problem || rows.length < batchSize) break;
    afterSeq = Number(rows[rows.length - 1]?.seq);
    options.onProgress?.(verifier.count);
  }
  const last = verifier.last;
  return {
    ok: verifier.problem === undefined,
    count: verifier.count,
    headSeq: last?.seq ?? null,
    headHash: last?.hash ?? null,
    problem: verifier.problem,
    counts,
    orphans: Math.max(0, counts.events - counts.links - counts.pending),
  };
}
