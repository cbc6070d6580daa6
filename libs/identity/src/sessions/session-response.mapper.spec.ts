import { describe, expect, it } from '@jest/globals';
import { toSessionResponse } from './session-response.mapper.js';
import type { SessionRecord } from './session.record.js';

describe('toSessionResponse', () => {
  const session: SessionRecord = {
    id: 's-1',
    userId: 'u-1',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    lastUsedAt: new Date('2026-01-01T01:00:00Z'),
    expiresAt: new Date('2026-01-31T01:00:00Z'),
    revokedAt: null,
    userAgent: 'Mozilla/5.0',
    ip: '203.0.113.7',
    mfa: false,
  };

  it('flags the current session and exposes no user id or token material', () => {
    const current = toSessionResponse(session, 's-1');
    expect(current.current).toBe(true);
    expect(toSessionResponse(session, 's-2').current).toBe(false);
    expect(Object.keys(current).sort()).toEqual(['createdAt', 'current', 'expiresAt', 'id', 'ip', 'lastUsedAt', 'mfa', 'userAgent']);
  });
});
