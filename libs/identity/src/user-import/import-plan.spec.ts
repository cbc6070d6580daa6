import { describe, expect, it } from '@jest/globals';
import type { AdminUserRecord } from '../admin-users/admin-user.record.js';
import { planRow, type ImportState } from './import-plan.js';
import type { ImportRow } from './import-rows.js';

const user = (over: Partial<AdminUserRecord>): AdminUserRecord => ({
  id: '00000000-0000-4000-8000-000000000001',
  username: 'li.na',
  email: 'li.na@example.com',
  displayName: '李娜',
  locale: 'en',
  timeZone: 'UTC',
  status: 'active',
  roles: ['member'],
  mfaEnabled: false,
  mustChangePassword: false,
  guestExpiresAt: null,
  lastActiveAt: null,
  deactivatedAt: null,
  deactivatedByAdmin: false,
  erasedAt: null,
  groups: [{ id: 'g-ops', name: 'ops' }],
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});

const row = (over: Partial<ImportRow>): ImportRow => ({ line: 2, username: 'li.na', email: undefined, displayName: undefined, roles: undefined, groups: undefined, ...over });

const state = (users: AdminUserRecord[] = [user({})]): ImportState => ({
  users: new Map(users.map((u) => [u.username, u])),
  groupIds: new Map([
    ['ops', 'g-ops'],
    ['engineering', 'g-eng'],
  ]),
  unknownRoles: new Set(['wizard']),
});

describe('planRow', () => {
  it('creates unknown users, listing the fields the row sets', () => {
    expect(planRow(row({ username: 'new.one', displayName: '新人', groups: ['ops'] }), state())).toMatchObject({ ok: true, action: 'create', changes: ['displayName', 'groups'], groupIds: ['g-ops'] });
  });

  it('updates only what differs, and reports unchanged rows', () => {
    expect(planRow(row({ displayName: '李娜', email: 'LI.NA@example.com', roles: ['member'], groups: ['ops'] }), state())).toMatchObject({ action: 'unchanged', changes: [] });
    expect(planRow(row({ displayName: '李 娜', roles: ['member', 'auditor'], groups: ['ops', 'engineering'] }), state())).toMatchObject({
      action: 'update',
      changes: ['displayName', 'roles', 'groups'],
    });
  });

  it('refuses unknown roles and groups, and erased accounts', () => {
    expect(planRow(row({ roles: ['wizard'] }), state())).toMatchObject({ ok: false, error: { code: 'IMPORT_ROW_UNKNOWN_ROLE', field: 'roles', line: 2 } });
    expect(planRow(row({ groups: ['nope'] }), state())).toMatchObject({ ok: false, error: { code: 'IMPORT_ROW_UNKNOWN_GROUP' } });
    expect(planRow(row({}), state([user({ erasedAt: new Date(), status: 'deactivated' })]))).toMatchObject({ ok: false, error: { code: 'IMPORT_ROW_USER_ERASED' } });
  });
});
