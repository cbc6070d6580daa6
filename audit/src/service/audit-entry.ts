import type { Actor } from '@enclave/core';
import { type AuditAction, isAuditAction } from '../catalogue/audit-action.js';
import { AUDIT_OUTCOMES, type AuditOutcome, type JsonValue } from '../record/audit-record.js';
import { cleanString, toBoundedJson } from './bounded-json.js';

/** What a caller says happened; the actor is passed separately (ARCHITECTURE.md §2.2). */
export interface AuditEntry {
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  readonly target?: { readonly type: string; readonly id?: string | null | undefined };
  /** State before and after the change. Secrets are redacted; large values are summarised. */
  readonly before?: unknown;
  readonly after?: unknown;
  /** Anything else worth keeping: reason codes, counts, the error code of a failure. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** One `audit_event` row as the writer inserts it. */
export interface AuditEventInsert {
  readonly occurredAt: Date;
  readonly actorUserId: string | null;
  readonly actorSessionId: string | null;
  readonly actorIp: string | null;
  readonly actorUserAgent: string | null;
  readonly actorSystem: boolean;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly outcome: AuditOutcome;
  readonly before: JsonValue;
  readonly after: JsonValue;
  readonly details: JsonValue;
  readonly requestId: string | null;
}

/** Column limits, matching the CHECK constraints of the audit migration. */
export const AUDIT_FIELD_LIMITS = {
  userId: 128,
  sessionId: 128,
  ip: 64,
  userAgent: 512,
  targetType: 64,
  targetId: 256,
  requestId: 128,
} as const;

export class InvalidAuditEntryError extends Error {}

/**
 * Validates and bounds an entry. Invalid action or outcome is a programming error and throws
 * (loudly, so the caller's transaction rolls back rather than committing an unaudited change);
 * oversized values are trimmed, never rejected, because losing the record would be worse.
 */
export function toEventInsert(actor: Actor, entry: AuditEntry, occurredAt: Date): AuditEventInsert {
  if (!isAuditAction(entry.action)) throw new InvalidAuditEntryError(`unknown audit action ${String(entry.action)}`);
  if (!AUDIT_OUTCOMES.includes(entry.outcome)) throw new InvalidAuditEntryError(`unknown audit outcome ${String(entry.outcome)}`);
  return {
    // Millisecond precision: the stored value must read back exactly as hashed.
    occurredAt: new Date(Math.floor(occurredAt.getTime())),
    actorUserId: text(actor.userId, AUDIT_FIELD_LIMITS.userId),
    actorSessionId: text(actor.sessionId, AUDIT_FIELD_LIMITS.sessionId),
    actorIp: text(actor.ip, AUDIT_FIELD_LIMITS.ip),
    actorUserAgent: text(actor.userAgent, AUDIT_FIELD_LIMITS.userAgent),
    actorSystem: actor.system === true,
    action: entry.action,
    targetType: text(entry.target?.type, AUDIT_FIELD_LIMITS.targetType),
    targetId: text(entry.target?.id, AUDIT_FIELD_LIMITS.targetId),
    outcome: entry.outcome,
    before: toBoundedJson(entry.before),
    after: toBoundedJson(entry.after),
    details: toBoundedJson(entry.details),
    requestId: text(actor.requestId, AUDIT_FIELD_LIMITS.requestId),
  };
}

/** Empty strings become null so that every export format can tell "absent" apart unambiguously. */
function text(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) return null;
  const cleaned = cleanString(String(value), max);
  return cleaned === '' ? null : cleaned;
}
