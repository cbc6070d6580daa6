import { describe, expect, it } from '@jest/globals';
import { REDACTED, type Actor } from '@enclave/core';
import { AuditAction } from '../catalogue/audit-action.js';
import { AUDIT_JSON_LIMITS, cleanString, toBoundedJson } from './bounded-json.js';
import { InvalidAuditEntryError, toEventInsert } from './audit-entry.js';
import { canonicalJson } from '../record/canonical-json.js';

const actor: Actor = { userId: 'u1', sessionId: 's1', ip: '192.0.2.1', userAgent: 'curl/8', requestId: 'req-1' };
const now = new Date('2026-11-01T10:00:00.123Z');

describe('audit entries', () => {
  it('redacts secrets in before, after and details, at any depth', () => {
    const row = toEventInsert(
      actor,
      {
        action: AuditAction.UserPasswordChanged,
        outcome: 'success',
        target: { type: 'user', id: 'u1' },
        before: { username: 'wei', passwordHash: '$argon2id$...', profile: { totpSecret: 'JBSWY3DP' } },
        after: { username: 'wei', password: 'correct horse', sessions: [{ refreshToken: 'rt-123', id: 's1' }] },
        details: { headers: { authorization: 'Bearer abc', cookie: 'sid=1' }, recoveryCodes: ['a', 'b'] },
      },
      now,
    );
    const stored = canonicalJson([row.before, row.after, row.details]);
    for (const secret of ['$argon2id$', 'JBSWY3DP', 'correct horse', 'rt-123', 'Bearer abc', 'sid=1', '"a","b"']) {
      expect(stored).not.toContain(secret);
    }
    expect(row.before).toEqual({ username: 'wei', passwordHash: REDACTED, profile: { totpSecret: REDACTED } });
    expect(row.after).toEqual({ username: 'wei', password: REDACTED, sessions: [{ refreshToken: REDACTED, id: 's1' }] });
  });

  it('copies the actor and request id, trimming to column limits and turning empty strings into null', () => {
    const row = toEventInsert({ ...actor, userAgent: 'x'.repeat(2000), sessionId: '' }, { action: AuditAction.AuthLogout, outcome: 'success' }, now);
    expect(row).toMatchObject({ actorUserId: 'u1', actorSessionId: null, actorIp: '192.0.2.1', requestId: 'req-1', actorSystem: false, targetType: null, targetId: null });
    expect(row.actorUserAgent).toHaveLength(512);
    expect(row.before).toBeNull();
    expect(row.occurredAt.toISOString()).toBe('2026-11-01T10:00:00.123Z');
  });

  it('refuses an action outside the catalogue', () => {
    expect(() => toEventInsert(actor, { action: 'user.deleted_everything' as AuditAction, outcome: 'success' }, now)).toThrow(InvalidAuditEntryError);
    expect(() => toEventInsert(actor, { action: AuditAction.AuthLogout, outcome: 'maybe' as 'success' }, now)).toThrow(InvalidAuditEntryError);
  });
});

describe('toBoundedJson', () => {
  it('summarises values larger than the limit instead of storing them', () => {
    const big = { rows: Array.from({ length: 90 }, (_, i) => ({ i, text: 'y'.repeat(400) })) };
    const bounded = toBoundedJson(big) as Record<string, unknown>;
    expect(bounded._truncated).toBe(true);
    expect(bounded.bytes).toBeGreaterThan(AUDIT_JSON_LIMITS.maxBytes);
    expect(bounded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shortens long strings, long arrays, wide and deep objects', () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 20; i++) cursor = (cursor.next = {});
    const value = toBoundedJson({ s: 'z'.repeat(5000), list: Array.from({ length: 150 }, (_, i) => i), deep }) as Record<string, unknown>;
    expect((value.s as string).length).toBe(AUDIT_JSON_LIMITS.maxStringLength);
    expect(value.list).toHaveLength(AUDIT_JSON_LIMITS.maxArrayItems + 1);
    expect(canonicalJson(value.deep)).toContain('[nested too deeply]');
  });

  it('converts what JSON or PostgreSQL cannot hold', () => {
    expect(toBoundedJson({ when: new Date('2026-01-02T03:04:05.006Z'), n: 12n, nan: Number.NaN, fn: () => 1, bytes: Buffer.from('abc'), nul: 'a\u0000b' })).toEqual({
      when: '2026-01-02T03:04:05.006Z',
      n: '12',
      nan: null,
      bytes: '[binary 3 bytes]',
      nul: 'ab',
    });
  });

  it('replaces lone surrogates but keeps pairs', () => {
    expect(cleanString('ok 🎉 \uD800 end \uDC00', 100)).toBe('ok 🎉 \uFFFD end \uFFFD');
    expect(cleanString('ab🎉', 3)).toBe('ab…');
    expect(cleanString('a🎉b', 3)).toBe('a…'); // never half a surrogate pair
  });
});
