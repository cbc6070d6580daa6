import { HttpStatus } from '@nestjs/common';
import { AdminErrorCode } from '../errors/admin-error-code.js';
import { AdminException } from '../errors/admin.exception.js';
import { CsvSyntaxError, CsvTooManyRecordsError, decodeUtf8, parseCsv } from './csv-parser.js';
import { ImportHeaderError, readHeader, readRows, type RowResult } from './import-rows.js';

/** Bytes -> checked rows, or a 4xx with a stable code: IMPORT_INVALID_CSV, IMPORT_TOO_LARGE. */
export function readImportBytes(bytes: Buffer, maxRows: number): { text: string; rows: RowResult[] } {
  const text = decodeUtf8(bytes);
  if (text === undefined) throw invalid('The file is not UTF-8 text. Export it as "CSV UTF-8".');
  return { text, rows: readImportText(text, maxRows) };
}

export function readImportText(text: string, maxRows: number): RowResult[] {
  try {
    const [header, ...records] = parseCsv(text, maxRows + 1);
    return readRows(records, readHeader(header), header?.fields.length ?? 0);
  } catch (error) {
    if (error instanceof CsvTooManyRecordsError) {
      throw new AdminException(AdminErrorCode.ImportTooLarge, `The file has more than ${maxRows} rows (IMPORT_MAX_ROWS).`, HttpStatus.PAYLOAD_TOO_LARGE, { maxRows });
    }
    if (error instanceof CsvSyntaxError) throw invalid(`The file is not valid CSV: ${error.message}.`, { line: error.line });
    if (error instanceof ImportHeaderError) throw invalid(error.message, { line: 1 });
    throw error;
  }
}

function invalid(message: string, details?: Record<string, unknown>): AdminException {
  return new AdminException(AdminErrorCode.ImportInvalidCsv, message, HttpStatus.BAD_REQUEST, details);
}
