import type { AuditRecord } from '../record/audit-record.js';
import { canonicalJson } from '../record/canonical-json.js';
import { MalformedRecordError, parseAuditRecord } from '../record/record-shape.js';

/** One record per line, in canonical JSON: the line itself is exactly what was hashed (plus `hash`). */
export function recordToJsonLine(record: AuditRecord): string {
  return `${canonicalJson(record)}\n`;
}

export function jsonLineToRecord(line: string): AuditRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new MalformedRecordError('not valid JSON');
  }
  const record = parseAuditRecord(value);
  // Whitespace or key order added later does not change the hash but does change the file;
  // refuse it so "verified" always means "byte-for-byte as exported".
  if (canonicalJson(record) !== line) throw new MalformedRecordError('not in canonical form');
  return record;
}

/** Splits a text stream into lines across chunk boundaries. */
export class LineSplitter {
  private rest = '';

  push(text: string): string[] {
    const parts = (this.rest + text).split('\n');
    this.rest = parts.pop() ?? '';
    return parts;
  }

  /** The final line when the text did not end with a newline. */
  finish(): string | undefined {
    const rest = this.rest;
    this.rest = '';
    return rest === '' ? undefined : rest;
  }
}
