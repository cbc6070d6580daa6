import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { openSecret, sealSecret } from './secret-box.js';

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('round-trips and never contains the plaintext', () => {
    const sealed = sealSecret(key, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(key, sealed, 'totp:u1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('uses a fresh nonce each time', () => {
    expect(sealSecret(key, 'same', 'c')).not.toBe(sealSecret(key, 'same', 'c'));
  });

  it('refuses another key, another context (row swapped to another user) and tampering', () => {
    const sealed = sealSecret(key, 'secret', 'totp:u1');
    expect(openSecret(randomBytes(32), sealed, 'totp:u1')).toBeUndefined();
    expect(openSecret(key, sealed, 'totp:u2')).toBeUndefined();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(openSecret(key, parts.join('.'), 'totp:u1')).toBeUndefined();
    expect(openSecret(key, 'garbage', 'totp:u1')).toBeUndefined();
  });
});
