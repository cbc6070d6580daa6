/** What became of the audited action. `denied`: refused for lack of permission or authentication. */
export type AuditOutcome = 'success' | 'failure' | 'denied';

export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied'];

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface AuditRecordActor {
  readonly userId: string | null;
  readonly sessionId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** True for actions the system takes on its own (bootstrap, schedulers). */
  readonly system: boolean;
}

export interface AuditRecordTarget {
  readonly type: string | null;
  readonly id: string | null;
}

/**
 * One record of the trail as exported and verified: an event joined with its chain link.
 * Every field is always present (null when empty) so the canonical form has one shape.
 * `action` is a plain string: a file may hold actions a newer catalogue added.
 */
export interface AuditRecord {
  readonly seq: number;
  /** ISO 8601 UTC with milliseconds, as written. */
  readonly time: string;
  readonly actor: AuditRecordActor;
  readonly action: string;
  readonly target: AuditRecordTarget;
  readonly outcome: AuditOutcome;
  readonly before: JsonValue;
  readonly after: JsonValue;
  readonly details: JsonValue;
  readonly requestId: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

/** A record before its hash is known: exactly what the hash covers. */
export type UnsealedAuditRecord = Omit<AuditRecord, 'hash'>;
