import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.js';

describe('recovery codes', () => {
  it('come ten at a time, distinct, in an unambiguous alphabet', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-tv-z2-9]{5}-[a-hjkmnp-tv-z2-9]{5}$/);
  });

  it('normalise case, spaces and dashes, and refuse non-codes', () => {
    const [code] = newRecoveryCodes(1) as [string];
    expect(normaliseRecoveryCode(code.toUpperCase())).toBe(code.replace('-', ''));
    expect(normaliseRecoveryCode(` ${code.replace('-', ' ')} `)).toBe(code.replace('-', ''));
    expect(normaliseRecoveryCode('123456')).toBeUndefined();
    expect(normaliseRecoveryCode('00000-00000')).toBeUndefined();
  });

  it('hash with a key: same code and key give the same hash, another key another', () => {
    const key = randomBytes(32);
    expect(hashRecoveryCode(key, 'abcdefghjk').equals(hashRecoveryCode(key, 'abcdefghjk'))).toBe(true);
    expect(hashRecoveryCode(key, 'abcdefghjk').equals(hashRecoveryCode(randomBytes(32), 'abcdefghjk'))).toBe(false);
  });
});
