import { describe, expect, it } from '@jest/globals';
import { looksLikeTotpCode, newTotpSecret, totpCodeAt, totpUri, verifyTotp } from './totp.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0); // a step boundary: 30 s divides it

describe('TOTP helpers', () => {
  it('make base32 secrets and an otpauth URI apps understand', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri('Enclave', 'alice', secret));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Enclave');
  });

  it('accept the current code and one step of drift, and report the step', async () => {
    const secret = newTotpSecret();
    const step = T0 / 1000 / 30;
    expect(await verifyTotp(secret, await totpCodeAt(secret, T0), T0, undefined)).toBe(step);
    expect(await verifyTotp(secret, await totpCodeAt(secret, T0 - 30_000), T0, undefined)).toBe(step - 1);
    expect(await verifyTotp(secret, await totpCodeAt(secret, T0 + 30_000), T0, undefined)).toBe(step + 1);
    expect(await verifyTotp(secret, await totpCodeAt(secret, T0 - 120_000), T0, undefined)).toBeUndefined();
  });

  it('refuse a code from a step at or before the last one used (replay)', async () => {
    const secret = newTotpSecret();
    const code = await totpCodeAt(secret, T0);
    const step = (await verifyTotp(secret, code, T0, undefined))!;
    expect(await verifyTotp(secret, code, T0 + 5_000, step)).toBeUndefined();
    expect(await verifyTotp(secret, await totpCodeAt(secret, T0 + 30_000), T0 + 30_000, step)).toBe(step + 1);
  });

  it('refuse malformed codes and tolerate spaces', async () => {
    const secret = newTotpSecret();
    const code = await totpCodeAt(secret, T0);
    expect(await verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, T0, undefined)).toBeDefined();
    expect(await verifyTotp(secret, 'abcdef', T0, undefined)).toBeUndefined();
    expect(await verifyTotp(secret, '1234567', T0, undefined)).toBeUndefined();
    expect(looksLikeTotpCode('123 456')).toBe(true);
    expect(looksLikeTotpCode('k7m3q-x9c2w')).toBe(false);
  });
});
