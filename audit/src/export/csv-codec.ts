import type { AuditRecord } from '../record/audit-record.js';
import { canonicalJson } from '../record/canonical-json.js';
import { MalformedRecordError, parseAuditRecord } from '../record/record-shape.js';

/**
 * RFC 4180 CSV for spreadsheets and SIEM imports. An empty unquoted field is null; an empty
 * string would be written quoted (`""`), so the round trip is exact and the hash verifies.
 * JSON-valued columns hold canonical JSON.
 */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'time',
  'actor_user_id',
  'actor_session_id',
  'actor_ip',
  'actor_user_agent',
  'actor_system',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'before',
  'after',
  'details',
  'request_id',
  'prev_hash',
  'hash',
] as const;

export const AUDIT_CSV_HEADER = `${AUDIT_CSV_COLUMNS.join(',')}\n`;

export function recordToCsvRow(r: AuditRecord): string {
  const json = (v: unknown) => (v === null ? null : canonicalJson(v));
  const fields: Array<string | null> = [
    String(r.seq),
    r.time,
    r.actor.userId,
    r.actor.sessionId,
    r.actor.ip,
    r.actor.userAgent,
    r.actor.system ? 'true' : 'false',
    r.action,
    r.target.type,
    r.target.id,
    r.outcome,
    json(r.before),
    json(r.after),
    json(r.details),
    r.requestId,
    r.prevHash,
    r.hash,
  ];
  return `${fields.map(field).join(',')}\n`;
}

function field(value: string | null): string {
  if (value === null) return '';
  return value === '' || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvFieldsToRecord(fields: ReadonlyArray<string | null>): AuditRecord {
  if (fields.length !== AUDIT_CSV_COLUMNS.length) throw new MalformedRecordError(`expected ${AUDIT_CSV_COLUMNS.length} columns, found ${fields.length}`);
  const get = (name: (typeof AUDIT_CSV_COLUMNS)[number]) => fields[AUDIT_CSV_COLUMNS.indexOf(name)] ?? null;
  const seqText = get('seq');
  const system = get('actor_system');
  if (system !== 'true' && system !== 'false') throw new MalformedRecordError('actor_system must be true or false');
  return parseAuditRecord({
    seq: seqText !== null && /^\d+$/.test(seqText) ? Number(seqText) : seqText,
    time: get('time'),
    actor: { userId: get('actor_user_id'), sessionId: get('actor_session_id'), ip: get('actor_ip'), userAgent: get('actor_user_agent'), system: system === 'true' },
    action: get('action'),
    target: { type: get('target_type'), id: get('target_id') },
    outcome: get('outcome'),
    before: parseJson(get('before'), 'before'),
    after: parseJson(get('after'), 'after'),
    details: parseJson(get('details'), 'details'),
    requestId: get('request_id'),
    prevHash: get('prev_hash'),
    hash: get('hash'),
  });
}

function parseJson(text: string | null, column: string): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedRecordError(`column ${column} is not valid JSON`);
  }
}

export interface CsvRow {
  /** 1-based line where the row starts. */
  readonly line: number;
  readonly fields: Array<string | null>;
  /** Set when the text stopped being CSV here; no rows follow it. */
  readonly error?: string;
}

/**
 * Streaming CSV parser: text in any chunking, complete rows out. Quoted fields may hold commas,
 * quotes and newlines; a bare quote inside an unquoted field is an error.
 */
export class CsvParser {
  private fields: Array<string | null> = [];
  private buf = '';
  private quoted = false;
  private inQuotes = false;
  private afterQuote = false;
  private line = 1;
  private rowLine = 1;
  private broken = false;

  push(text: string): CsvRow[] {
    const rows: CsvRow[] = [];
    for (let i = 0; i < text.length && !this.broken; i++) {
      const ch = text[i];
      if (ch === '\n') this.line += 1;
      if (this.inQuotes) {
        if (ch === '"') {
          this.inQuotes = false;
          this.afterQuote = true;
        } else {
          this.buf += ch;
        }
        continue;
      }
      if (this.afterQuote && ch === '"') {
        // `""` inside a quoted field: a literal quote, still inside the field.
        this.buf += '"';
        this.inQuotes = true;
        this.afterQuote = false;
        continue;
      }
      if (ch === ',') {
        this.endField();
      } else if (ch === '\n') {
        this.endField();
        rows.push({ line: this.rowLine, fields: this.fields });
        this.fields = [];
        this.rowLine = this.line;
      } else if (ch === '\r') {
        // CRLF line endings; a CR inside data is always quoted by the writer.
      } else if (ch === '"' && this.buf === '' && !this.quoted) {
        this.quoted = true;
        this.inQuotes = true;
      } else if (this.afterQuote || ch === '"') {
        this.broken = true;
        rows.push({ line: this.rowLine, fields: [], error: `stray quote in a CSV field on line ${this.line}` });
      } else {
        this.buf += ch;
      }
    }
    return rows;
  }

  finish(): CsvRow[] {
    if (this.broken) return [];
    if (this.inQuotes) return [{ line: this.rowLine, fields: [], error: 'unterminated quoted CSV field' }];
    if (this.buf === '' && !this.quoted && this.fields.length === 0) return [];
    this.endField();
    const row = { line: this.rowLine, fields: this.fields };
    this.fields = [];
    return [row];
  }

  private endField(): void {
    this.fields.push(this.quoted ? this.buf : this.buf === '' ? null : this.buf);
    this.buf = '';
    this.quoted = false;
    this.afterQuote = false;
  }
}
