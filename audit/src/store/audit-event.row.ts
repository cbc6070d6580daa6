import type { AuditOutcome, AuditRecord, JsonValue, UnsealedAuditRecord } from '../record/audit-record.js';

/** `audit_event` columns as the `pg` driver returns them (bigint as text, timestamptz as Date). */
export interface AuditEventRow {
  readonly id: string;
  readonly occurred_at: Date;
  readonly actor_user_id: string | null;
  readonly actor_session_id: string | null;
  readonly actor_ip: string | null;
  readonly actor_user_agent: string | null;
  readonly actor_system: boolean;
  readonly action: string;
  readonly target_type: string | null;
  readonly target_id: string | null;
  readonly outcome: AuditOutcome;
  readonly before: JsonValue;
  readonly after: JsonValue;
  readonly details: JsonValue;
  readonly request_id: string | null;
}

/** A chain link joined with its event; the event columns are null when the event is missing. */
export type ChainRow = { readonly seq: string; readonly event_id: string; readonly prev_hash: string; readonly hash: string } & {
  readonly [K in keyof AuditEventRow]: AuditEventRow[K] | null;
};

export const EVENT_COLUMNS = `e.id::text AS id, e.occurred_at, e.actor_user_id, e.actor_session_id, e.actor_ip,
  e.actor_user_agent, e.actor_system, e.action, e.target_type, e.target_id, e.outcome, e.before, e.after,
  e.details, e.request_id`;

/** The record form of an event at `seq`, as the sealer hashes it and the verifier re-hashes it. */
export function eventToRecord(row: AuditEventRow, seq: number, prevHash: string): UnsealedAuditRecord {
  return {
    seq,
    time: row.occurred_at.toISOString(),
    actor: {
      userId: row.actor_user_id,
      sessionId: row.actor_session_id,
      ip: row.actor_ip,
      userAgent: row.actor_user_agent,
      system: row.actor_system,
    },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    outcome: row.outcome,
    before: row.before,
    after: row.after,
    details: row.details,
    requestId: row.request_id,
    prevHash,
  };
}

/** The stored record of a link, or undefined when its event row is gone. */
export function chainRowToRecord(row: ChainRow): AuditRecord | undefined {
  if (row.id === null) return undefined;
  return { ...eventToRecord(row as AuditEventRow, Number(row.seq), row.prev_hash), hash: row.hash };
}
