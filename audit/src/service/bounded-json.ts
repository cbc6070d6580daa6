import { createHash } from 'node:crypto';
import { redactSecrets } from '@enclave/core';
import { canonicalJson } from '../record/canonical-json.js';
import type { JsonValue } from '../record/audit-record.js';

/** Limits for before/after/details. Exported so tests and docs quote the same numbers. */
export const AUDIT_JSON_LIMITS = {
  /** Canonical JSON size of one of before/after/details; larger values are summarised. */
  maxBytes: 16 * 1024,
  maxDepth: 8,
  maxStringLength: 2048,
  maxArrayItems: 100,
  maxObjectKeys: 100,
} as const;

/**
 * Turns whatever a caller hands the audit service into a small, secret-free JSON value that
 * PostgreSQL's jsonb accepts and that reads back identically (so the sealer's hash matches
 * what a verifier recomputes). Redaction runs on the normalised copy: it is plain JSON within
 * redactSecrets' depth, so no secret can hide in a Buffer, a Map or a level it does not reach.
 */
export function toBoundedJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  const clean = redactSecrets(normalise(value, 0));
  const json = canonicalJson(clean);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes <= AUDIT_JSON_LIMITS.maxBytes) return clean;
  // Too big to keep: keep evidence of what it was without storing it.
  return { _truncated: true, bytes, sha256: createHash('sha256').update(json).digest('hex') };
}

/** Strips characters jsonb and text columns reject: NUL, and lone UTF-16 surrogates. */
export function cleanString(value: string, maxLength: number): string {
  // eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL refuses
  let out = value.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  if (out.length > maxLength) {
    // Do not cut a surrogate pair in half.
    let end = maxLength - 1;
    if (/[\uD800-\uDBFF]/.test(out.charAt(end - 1))) end -= 1;
    out = `${out.slice(0, end)}…`;
  }
  return out;
}

function normalise(value: unknown, depth: number): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'string':
      return cleanString(value, AUDIT_JSON_LIMITS.maxStringLength);
    case 'object':
      break;
    default:
      return null; // functions, symbols
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (ArrayBuffer.isView(value)) return `[binary ${value.byteLength} bytes]`;
  if (depth >= AUDIT_JSON_LIMITS.maxDepth) return '[nested too deeply]';
  if (Array.isArray(value)) {
    const items = value.slice(0, AUDIT_JSON_LIMITS.maxArrayItems).map((v: unknown) => normalise(v, depth + 1));
    if (value.length > AUDIT_JSON_LIMITS.maxArrayItems) items.push(`[${value.length - AUDIT_JSON_LIMITS.maxArrayItems} more items]`);
    return items;
  }
  const out: Record<string, JsonValue> = {};
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function');
  for (const [key, v] of entries.slice(0, AUDIT_JSON_LIMITS.maxObjectKeys)) {
    out[cleanString(key, 128)] = normalise(v, depth + 1);
  }
  if (entries.length > AUDIT_JSON_LIMITS.maxObjectKeys) out._omittedKeys = entries.length - AUDIT_JSON_LIMITS.maxObjectKeys;
  return out;
}
