/** A syntax error at a line of the file (1-based, counting the header). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export interface CsvRecord {
  /** Line where the record starts (1-based); a quoted field may continue on later lines. */
  readonly line: number;
  readonly fields: string[];
}

/**
 * RFC 4180 CSV, the dialect spreadsheets export: comma-separated, fields optionally quoted
 * with `"`, `""` for a quote inside a quoted field, commas and line breaks allowed inside
 * quotes, CRLF or LF line ends, an optional UTF-8 BOM, and blank lines ignored. Strict where
 * ambiguity would silently import the wrong value: an unterminated quote or a quote in the
 * middle of an unquoted field is an error. Small enough (one pass, no backtracking) that a
 * dependency would not earn its keep; `maxRecords` stops early on oversized files.
 */
export function parseCsv(text: string, maxRecords = Number.POSITIVE_INFINITY): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  /** The current field was quoted and its closing quote seen: only a separator may follow. */
  let closed = false;
  let fieldStarted = false;

  const endField = (): void => {
    fields.push(field);
    field = '';
    closed = false;
    fieldStarted = false;
  };
  const endRecord = (): void => {
    endField();
    // A line holding nothing at all is skipped (trailing newline, blank separator lines).
    if (!(fields.length === 1 && fields[0] === '')) {
      if (records.length >= maxRecords) throw new CsvTooManyRecordsError(maxRecords);
      records.push({ line: recordLine, fields });
    }
    fields = [];
  };

  while (i < input.length) {
    const c = input[i];
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        closed = true;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (closed) throw new CsvSyntaxError(line, 'unexpected character after a closing quote (a quote inside a quoted field is written "")');
    if (c === '"') {
      if (fieldStarted) throw new CsvSyntaxError(line, 'a quote in the middle of an unquoted field (quote the whole field)');
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'a quoted field is never closed');
  if (fieldStarted || fields.length > 0) endRecord();
  return records;
}

export class CsvTooManyRecordsError extends Error {
  constructor(readonly max: number) {
    super(`more than ${max} records`);
  }
}

/** Strict UTF-8 (a Latin-1 or GBK export is refused, not imported as mojibake). */
export function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
