import type { ImportRowAction, ImportRowError } from '@enclave/contracts';
import type { AdminUserRecord } from '../admin-users/admin-user.record.js';
import { ImportRowErrorCode } from '../errors/admin-error-code.js';
import type { ImportRow } from './import-rows.js';

/** What the database holds for the rows being planned. */
export interface ImportState {
  /** Existing users by (lower-case) username. */
  readonly users: ReadonlyMap<string, AdminUserRecord>;
  /** Group ids by lower-case name. */
  readonly groupIds: ReadonlyMap<string, string>;
  readonly unknownRoles: ReadonlySet<string>;
}

export type ImportField = 'displayName' | 'email' | 'roles' | 'groups';

export type RowPlan =
  | {
      readonly ok: true;
      readonly row: ImportRow;
      readonly action: ImportRowAction;
      readonly changes: readonly ImportField[];
      readonly existing: AdminUserRecord | undefined;
      /** The groups the row names, as ids (undefined: leave groups as they are). */
      readonly groupIds: readonly string[] | undefined;
    }
  | { readonly ok: false; readonly error: ImportRowError };

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/**
 * Create, update or unchanged for one row, and which fields would change. Pure: the dry run
 * plans every row against one snapshot; applying plans each row again inside its own
 * transaction, against the database as it is then.
 */
export function planRow(row: ImportRow, state: ImportState): RowPlan {
  const fail = (code: ImportRowErrorCode, field: string | null, message: string): RowPlan => ({ ok: false, error: { line: row.line, username: row.username, field, code, message } });
  const unknownRole = row.roles?.find((r) => state.unknownRoles.has(r));
  if (unknownRole !== undefined) return fail(ImportRowErrorCode.RoleUnknown, 'roles', `Unknown role "${unknownRole}".`);
  const unknownGroup = row.groups?.find((g) => !state.groupIds.has(g));
  if (unknownGroup !== undefined) return fail(ImportRowErrorCode.GroupUnknown, 'groups', `Unknown group "${unknownGroup.slice(0, 64)}".`);
  const groupIds = row.groups?.map((g) => state.groupIds.get(g)!);
  const existing = state.users.get(row.username);
  if (!existing) {
    const changes: ImportField[] = [];
    if (row.displayName !== undefined) changes.push('displayName');
    if (row.email !== undefined) changes.push('email');
    if (row.roles !== undefined) changes.push('roles');
    if (groupIds !== undefined) changes.push('groups');
    return { ok: true, row, action: 'create', changes, existing: undefined, groupIds };
  }
  if (existing.erasedAt) return fail(ImportRowErrorCode.UserErased, 'username', 'This account was erased; it cannot be imported into.');
  const changes: ImportField[] = [];
  if (row.displayName !== undefined && row.displayName !== existing.displayName) changes.push('displayName');
  if (row.email !== undefined && row.email.toLowerCase() !== existing.email?.toLowerCase()) changes.push('email');
  if (row.roles !== undefined && !sameSet(row.roles, existing.roles)) changes.push('roles');
  if (groupIds !== undefined && !sameSet(groupIds, existing.groups.map((g) => g.id))) changes.push('groups');
  return { ok: true, row, action: changes.length > 0 ? 'update' : 'unchanged', changes, existing, groupIds };
}
