import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { AuditRecord, UnsealedAuditRecord } from './audit-record.js';

/** `prevHash` of the first record: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

const HASH_PATTERN = /^[0-9a-f]{64}$/;

export function isHash(value: unknown): value is string {
  return typeof value === 'string' && HASH_PATTERN.test(value);
}

/** SHA-256 (lower-case hex) over the canonical JSON of every field except `hash` itself. */
export function computeRecordHash(record: UnsealedAuditRecord | AuditRecord): string {
  const content: Record<string, unknown> = { ...record };
  delete content.hash;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** Links `record` after `prevHash` and returns the sealed record. */
export function sealRecord(record: Omit<UnsealedAuditRecord, 'prevHash'>, prevHash: string): AuditRecord {
  const unsealed: UnsealedAuditRecord = { ...record, prevHash };
  return { ...unsealed, hash: computeRecordHash(unsealed) };
}
