import { describe, expect, it } from '@jest/globals';
import { toUserResponse } from './user-response.mapper.js';
import type { UserRecord } from './user.record.js';

describe('toUserResponse', () => {
  const record = {
    id: '4a1c1b1e-0000-4000-8000-000000000001',
    username: 'zhang.wei',
    email: 'zhang.wei@example.com',
    displayName: '张伟',
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    status: 'active',
    roles: ['system_admin'],
    mfaEnabled: true,
    mustChangePassword: false,
    guestExpiresAt: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-02T00:00:00Z'),
  } satisfies UserRecord;

  it('maps exactly the public fields', () => {
    expect(toUserResponse(record)).toEqual({
      id: record.id,
      username: 'zhang.wei',
      email: 'zhang.wei@example.com',
      displayName: '张伟',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      status: 'active',
      roles: ['system_admin'],
      mfaEnabled: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('never passes through extra (secret) properties a record might carry', () => {
    const leaky = { ...record, passwordHash: '$argon2id$...', totpSecret: 'JBSWY3DPEHPK3PXP', failedLoginCount: 3 };
    const json = JSON.stringify(toUserResponse(leaky));
    expect(json).not.toContain('argon2');
    expect(json).not.toContain('JBSWY3DPEHPK3PXP');
    expect(Object.keys(toUserResponse(leaky))).not.toContain('failedLoginCount');
  });
});
