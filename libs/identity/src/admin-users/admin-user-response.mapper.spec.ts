import { describe, expect, it } from '@jest/globals';
import { toAdminUserAudit, toAdminUserResponse } from './admin-user-response.mapper.js';
import type { AdminUserRecord } from './admin-user.record.js';

describe('toAdminUserResponse', () => {
  const record = {
    id: '4a1c1b1e-0000-4000-8000-000000000001',
    username: 'li.na',
    email: 'li.na@example.com',
    displayName: '李娜',
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    status: 'deactivated',
    roles: ['member'],
    mfaEnabled: false,
    mustChangePassword: true,
    guestExpiresAt: null,
    lastActiveAt: new Date('2026-03-01T08:00:00Z'),
    deactivatedAt: new Date('2026-03-02T08:00:00Z'),
    deactivatedByAdmin: true,
    erasedAt: null,
    groups: [{ id: '4a1c1b1e-0000-4000-8000-0000000000aa', name: 'ops' }],
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-03-02T08:00:00Z'),
  } satisfies AdminUserRecord;

  it('maps lifecycle state as ISO strings and never passes through unknown properties', () => {
    const leaky = { ...record, passwordHash: '$argon2id$secret', invitationToken: 'tok' };
    const response = toAdminUserResponse(leaky);
    expect(response).toMatchObject({ deactivatedAt: '2026-03-02T08:00:00.000Z', deactivatedByAdmin: true, mustChangePassword: true, groups: [{ name: 'ops' }] });
    expect(JSON.stringify(response)).not.toContain('argon2');
    expect(JSON.stringify(response)).not.toContain('tok"');
  });

  it('leaves activity timestamps out of audit snapshots', () => {
    const audit = toAdminUserAudit(record);
    expect(audit).not.toHaveProperty('lastActiveAt');
    expect(audit).not.toHaveProperty('updatedAt');
    expect(audit).toMatchObject({ username: 'li.na', status: 'deactivated' });
  });
});
