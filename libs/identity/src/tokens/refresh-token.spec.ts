import { describe, expect, it } from '@jest/globals';
import { hashRefreshSecret, newRefreshToken, parseRefreshToken, refreshSecretMatches } from './refresh-token.js';

describe('refresh tokens', () => {
  it('are <id>.<secret> in base64url, with a 256-bit secret', () => {
    const { id, secret, token } = newRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(parseRefreshToken(token)).toEqual({ id, secret });
  });

  it('are unique', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newRefreshToken().token));
    expect(tokens.size).toBe(100);
  });

  it.each(['', 'abc', 'a.b', `${'a'.repeat(22)}.${'b'.repeat(42)}`, `${'a'.repeat(22)}.${'b'.repeat(43)}.c`, `${'!'.repeat(22)}.${'b'.repeat(43)}`])(
    'rejects the malformed token %j',
    (token) => {
      expect(parseRefreshToken(token)).toBeUndefined();
    },
  );

  it('stores only a SHA-256 of the secret and compares it in constant time', () => {
    const { secret } = newRefreshToken();
    const hash = hashRefreshSecret(secret);
    expect(hash).toHaveLength(32);
    expect(hash.toString('base64url')).not.toContain(secret);
    expect(refreshSecretMatches(secret, hash)).toBe(true);
    expect(refreshSecretMatches(newRefreshToken().secret, hash)).toBe(false);
    expect(refreshSecretMatches(secret, Buffer.alloc(5))).toBe(false);
  });
});
