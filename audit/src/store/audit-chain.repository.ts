import { type Queryable, queryRows } from '@enclave/database';
import { type AuditEventRow, type ChainRow, EVENT_COLUMNS } from './audit-event.row.js';

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export interface NewLink {
  readonly seq: number;
  readonly eventId: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditCounts {
  readonly events: number;
  readonly links: number;
  readonly pending: number;
}

/** The chain: what the sealer appends and what verifiers and exporters read back in seq order. */
export class AuditChainRepository {
  async head(q: Queryable): Promise<ChainHead | undefined> {
    // Order by the table's bigint column: an unqualified `seq` would mean the text alias
    // (and '99' sorts after '100').
    const rows = await queryRows<{ seq: string; hash: string }>(q, `SELECT c.seq::text AS seq, c.hash FROM audit_chain c ORDER BY c.seq DESC LIMIT 1`);
    return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : undefined;
  }

  /** Committed, not yet sealed events, oldest id first (the queue holds only committed rows). */
  pendingEvents(q: Queryable, limit: number): Promise<AuditEventRow[]> {
    return queryRows<AuditEventRow>(
      q,
      `SELECT ${EVENT_COLUMNS} FROM audit_pending p JOIN audit_event e ON e.id = p.event_id ORDER BY p.event_id LIMIT $1`,
      [limit],
    );
  }

  /**
   * Returns false when another sealer holds the chain. Transaction-scoped, so it is released
   * by the commit that publishes the links and cannot leak on a pooled connection.
   */
  async tryLockChain(q: Queryable): Promise<boolean> {
    const rows = await queryRows<{ locked: boolean }>(q, `SELECT pg_try_advisory_xact_lock(hashtext('enclave.audit.chain.' || current_schema())) AS locked`);
    return rows[0]?.locked === true;
  }

  /** Appends the links and removes their events from the queue, in one statement. */
  async appendLinks(q: Queryable, links: readonly NewLink[]): Promise<void> {
    // The DELETE names the ids itself (rather than joining the INSERT's output) so that it
    // probes the primary key instead of scanning a queue table full of not-yet-vacuumed rows.
    const rows = await queryRows<{ n: string }>(
      q,
      `WITH linked AS (
         INSERT INTO audit_chain (seq, event_id, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])),
       dequeued AS (DELETE FROM audit_pending WHERE event_id = ANY($2::bigint[]) RETURNING 1)
       SELECT count(*)::text AS n FROM dequeued`,
      [links.map((l) => l.seq), links.map((l) => l.eventId), links.map((l) => l.prevHash), links.map((l) => l.hash)],
    );
    if (Number(rows[0]?.n) !== links.length) throw new Error('audit sealer: the pending queue changed under the chain lock');
  }

  /** Links with seq in (afterSeq, untilSeq], joined with their events, at most `limit`. */
  readLinks(q: Queryable, afterSeq: number, untilSeq: number, limit: number): Promise<ChainRow[]> {
    return queryRows<ChainRow>(
      q,
      `SELECT c.seq::text AS seq, c.event_id::text AS event_id, c.prev_hash, c.hash, ${EVENT_COLUMNS}
       FROM audit_chain c LEFT JOIN audit_event e ON e.id = c.event_id
       WHERE c.seq > $1 AND c.seq <= $2 ORDER BY c.seq LIMIT $3`,
      [afterSeq, untilSeq, limit],
    );
  }

  async linkHash(q: Queryable, seq: number): Promise<string | undefined> {
    const rows = await queryRows<{ hash: string }>(q, `SELECT hash FROM audit_chain WHERE seq = $1`, [seq]);
    return rows[0]?.hash;
  }

  /** The contiguous seq range covering every sealed record whose time is in [from, to). */
  async seqRangeForTime(q: Queryable, from: Date, to: Date): Promise<{ first: number; last: number } | undefined> {
    const rows = await queryRows<{ first: string | null; last: string | null }>(
      q,
      `SELECT min(c.seq)::text AS first, max(c.seq)::text AS last
       FROM audit_event e JOIN audit_chain c ON c.event_id = e.id
       WHERE e.occurred_at >= $1 AND e.occurred_at < $2`,
      [from, to],
    );
    const row = rows[0];
    return row?.first && row.last ? { first: Number(row.first), last: Number(row.last) } : undefined;
  }

  async counts(q: Queryable): Promise<AuditCounts> {
    const rows = await queryRows<{ events: string; links: string; pending: string }>(
      q,
      `SELECT (SELECT count(*) FROM audit_event)::text AS events, (SELECT count(*) FROM audit_chain)::text AS links,
              (SELECT count(*) FROM audit_pending)::text AS pending`,
    );
    const row = rows[0];
    return { events: Number(row?.events ?? 0), links: Number(row?.links ?? 0), pending: Number(row?.pending ?? 0) };
  }

  /** Whether the audit migration has been applied to this database/schema. */
  async tablesExist(q: Queryable): Promise<boolean> {
    const rows = await queryRows<{ ok: boolean }>(q, `SELECT to_regclass('audit_chain') IS NOT NULL AS ok`);
    return rows[0]?.ok === true;
  }
}
