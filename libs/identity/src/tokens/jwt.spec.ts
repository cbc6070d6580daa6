import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { signJwt, verifyJwt } from './jwt.js';

const key = randomBytes(32);
const claims = { sub: 'user-1', sid: 'session-1', iat: 1_000, exp: 1_900 };

describe('HS256 access tokens', () => {
  it('round-trip before expiry', () => {
    expect(verifyJwt(signJwt(claims, key), key, 1_899)).toEqual({ ok: true, claims });
  });

  it('are expired at exp', () => {
    expect(verifyJwt(signJwt(claims, key), key, 1_900)).toEqual({ ok: false, reason: 'expired' });
  });

  it('fail with another key or a changed payload', () => {
    const token = signJwt(claims, key);
    expect(verifyJwt(token, randomBytes(32), 1_000)).toEqual({ ok: false, reason: 'signature' });
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
    expect(verifyJwt(`${h}.${forged}.${s}`, key, 1_000)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuse alg "none" and other algorithms outright', () => {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(verifyJwt(`${none}.${payload}.`, key, 1_000)).toEqual({ ok: false, reason: 'malformed' });
    const hs512 = Buffer.from(JSON.stringify({ alg: 'HS512', typ: 'JWT' })).toString('base64url');
    expect(verifyJwt(`${hs512}.${payload}.abc`, key, 1_000)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('reject garbage without throwing', () => {
    for (const token of ['', 'a.b', 'a.b.c', 'x'.repeat(5000), '...']) {
      expect(verifyJwt(token, key, 1_000).ok).toBe(false);
    }
  });
});
