import { AUDIT_OUTCOMES, type AuditOutcome, type AuditRecord, type JsonValue } from './audit-record.js';
import { isHash } from './record-hash.js';

/** Thrown for input that is not an audit record at all (as opposed to one with a bad hash). */
export class MalformedRecordError extends Error {}

/**
 * Checks that a parsed value (a JSONL line, a CSV row) has exactly the record's shape, so a
 * verifier never hashes something that only resembles a record.
 */
export function parseAuditRecord(value: unknown): AuditRecord {
  const o = object(value, 'record');
  const actor = object(o.actor, 'actor');
  const target = object(o.target, 'target');
  exactKeys(o, ['seq', 'time', 'actor', 'action', 'target', 'outcome', 'before', 'after', 'details', 'requestId', 'prevHash', 'hash'], 'record');
  exactKeys(actor, ['userId', 'sessionId', 'ip', 'userAgent', 'system'], 'actor');
  exactKeys(target, ['type', 'id'], 'target');
  if (typeof o.seq !== 'number' || !Number.isSafeInteger(o.seq) || o.seq < 1) throw new MalformedRecordError('seq must be a positive integer');
  if (typeof o.time !== 'string' || Number.isNaN(Date.parse(o.time))) throw new MalformedRecordError('time must be an ISO timestamp');
  if (typeof o.action !== 'string' || o.action === '') throw new MalformedRecordError('action must be a string');
  if (typeof o.outcome !== 'string' || !AUDIT_OUTCOMES.includes(o.outcome as AuditOutcome)) throw new MalformedRecordError('outcome is not success, failure or denied');
  if (!isHash(o.prevHash) || !isHash(o.hash)) throw new MalformedRecordError('prevHash and hash must be 64 hex digits');
  if (typeof actor.system !== 'boolean') throw new MalformedRecordError('actor.system must be true or false');
  return {
    seq: o.seq,
    time: o.time,
    actor: {
      userId: nullableString(actor.userId, 'actor.userId'),
      sessionId: nullableString(actor.sessionId, 'actor.sessionId'),
      ip: nullableString(actor.ip, 'actor.ip'),
      userAgent: nullableString(actor.userAgent, 'actor.userAgent'),
      system: actor.system,
    },
    action: o.action,
    target: { type: nullableString(target.type, 'target.type'), id: nullableString(target.id, 'target.id') },
    outcome: o.outcome as AuditOutcome,
    before: o.before as JsonValue,
    after: o.after as JsonValue,
    details: o.details as JsonValue,
    requestId: nullableString(o.requestId, 'requestId'),
    prevHash: o.prevHash,
    hash: o.hash,
  };
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MalformedRecordError(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function exactKeys(o: Record<string, unknown>, keys: readonly string[], what: string): void {
  const actual = Object.keys(o);
  const missing = keys.filter((k) => !(k in o));
  const extra = actual.filter((k) => !keys.includes(k));
  if (missing.length > 0) throw new MalformedRecordError(`${what} lacks ${missing.join(', ')}`);
  if (extra.length > 0) throw new MalformedRecordError(`${what} has unexpected ${extra.join(', ')}`);
}

function nullableString(value: unknown, what: string): string | null {
  if (value === null || typeof value === 'string') return value;
  throw new MalformedRecordError(`${what} must be a string or null`);
}
