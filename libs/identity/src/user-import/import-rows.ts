import { isEmail } from 'class-validator';
import { EMAIL_MAX_LENGTH, ROLE_NAME_PATTERN, isValidDisplayName, isValidUsername, normaliseUsername, type ImportRowError } from '@enclave/contracts';
import { ImportRowErrorCode } from '../errors/admin-error-code.js';
import type { CsvRecord } from './csv-parser.js';

/**
 * One data row. `undefined` means "leave as it is" (an empty cell, or no such column): an
 * import never clears a field, and the roles/groups cells, when filled, are the complete set.
 */
export interface ImportRow {
  readonly line: number;
  readonly username: string;
  readonly email: string | undefined;
  readonly displayName: string | undefined;
  readonly roles: readonly string[] | undefined;
  /** Group names (lower-case). */
  readonly groups: readonly string[] | undefined;
}

export type ImportColumn = 'username' | 'email' | 'displayName' | 'roles' | 'groups';

const HEADER_NAMES: Readonly<Record<string, ImportColumn>> = {
  username: 'username',
  email: 'email',
  display_name: 'displayName',
  displayname: 'displayName',
  'display name': 'displayName',
  name: 'displayName',
  roles: 'roles',
  groups: 'groups',
};

export class ImportHeaderError extends Error {}

/** Column index of each known header (case-insensitive); unknown, duplicate or missing `username` headers throw. */
export function readHeader(record: CsvRecord | undefined): Map<ImportColumn, number> {
  if (!record) throw new ImportHeaderError('The file is empty: expected a header line (username,email,display_name,roles,groups).');
  const columns = new Map<ImportColumn, number>();
  const unknown: string[] = [];
  record.fields.forEach((raw, index) => {
    const column = HEADER_NAMES[raw.trim().toLowerCase()];
    if (!column) unknown.push(raw);
    else if (columns.has(column)) throw new ImportHeaderError(`The column "${raw}" appears twice.`);
    else columns.set(column, index);
  });
  if (unknown.length > 0) throw new ImportHeaderError(`Unknown columns: ${unknown.map((u) => `"${u.slice(0, 40)}"`).join(', ')}. Known: username, email, display_name, roles, groups.`);
  if (!columns.has('username')) throw new ImportHeaderError('The header has no "username" column.');
  return columns;
}

export type RowResult = { readonly ok: true; readonly row: ImportRow } | { readonly ok: false; readonly error: ImportRowError };

/** Checks what one row says on its own (formats, duplicates); what exists in the database is the planner's. */
export function readRows(records: readonly CsvRecord[], columns: ReadonlyMap<ImportColumn, number>, headerWidth: number): RowResult[] {
  const seen = new Set<string>();
  return records.map((record): RowResult => {
    const cell = (column: ImportColumn): string | undefined => {
      const index = columns.get(column);
      const value = index === undefined ? undefined : record.fields[index]?.trim();
      return value === '' ? undefined : value;
    };
    const rawUsername = cell('username') ?? '';
    const fail = (code: ImportRowErrorCode, field: string | null, message: string): RowResult => ({
      ok: false,
      error: { line: record.line, username: rawUsername ? rawUsername.slice(0, 64) : null, field, code, message },
    });
    if (record.fields.length !== headerWidth) return fail(ImportRowErrorCode.ColumnCount, null, `Expected ${headerWidth} fields, found ${record.fields.length}.`);
    const username = normaliseUsername(rawUsername);
    if (!isValidUsername(username)) return fail(ImportRowErrorCode.UsernameInvalid, 'username', 'Usernames are 3-32 characters of a-z, 0-9, ".", "_" or "-".');
    if (seen.has(username)) return fail(ImportRowErrorCode.UsernameDuplicate, 'username', 'This username appears earlier in the file.');
    seen.add(username);
    const email = cell('email');
    if (email !== undefined && (email.length > EMAIL_MAX_LENGTH || !isEmail(email))) return fail(ImportRowErrorCode.EmailInvalid, 'email', 'Not a valid email address.');
    const displayName = cell('displayName');
    if (displayName !== undefined && !isValidDisplayName(displayName)) return fail(ImportRowErrorCode.DisplayNameInvalid, 'display_name', 'Display names are 1-64 printable characters.');
    const roles = list(cell('roles'));
    const badRole = roles?.find((r) => !ROLE_NAME_PATTERN.test(r));
    if (badRole !== undefined) return fail(ImportRowErrorCode.RoleUnknown, 'roles', `Unknown role "${badRole.slice(0, 64)}".`);
    const groups = list(cell('groups'))?.map((g) => g.toLowerCase());
    return { ok: true, row: { line: record.line, username, email, displayName, roles, groups } };
  });
}

/** `a; b | c` -> ['a', 'b', 'c'] (`;` or `|` separate values inside one cell), deduplicated. */
function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [...new Set(value.split(/[;|]/).map((s) => s.trim()).filter((s) => s.length > 0))];
  return items.length === 0 ? undefined : items;
}
