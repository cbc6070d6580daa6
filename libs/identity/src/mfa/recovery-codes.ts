import { createHmac, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
/** Crockford-style alphabet without 0/o, 1/l/i, u: codes get read off paper and retyped. */
const ALPHABET = 'abcdefghjkmnpqrstvwxyz23456789';
const GROUP = 5;
const GROUPS = 2;
const NORMALISED_PATTERN = new RegExp(`^[${ALPHABET}]{${GROUP * GROUPS}}$`);

/** Ten fresh codes like `k7m3q-x9c2w` (~49 bits each); shown once, stored only as HMACs. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes: string[] = [];
  for (let c = 0; c < count; c++) {
    const groups: string[] = [];
    for (let g = 0; g < GROUPS; g++) {
      let group = '';
      for (let i = 0; i < GROUP; i++) group += ALPHABET[randomInt(ALPHABET.length)];
      groups.push(group);
    }
    codes.push(groups.join('-'));
  }
  return codes;
}

/** Lower-case, no separators or spaces; undefined if it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | undefined {
  const value = input.toLowerCase().replace(/[\s-]/g, '');
  return NORMALISED_PATTERN.test(value) ? value : undefined;
}

/**
 * HMAC with a server-held key rather than a bare hash: ~49 bits is enough against online
 * guessing (attempts are throttled and locked out) but not against an offline search of a
 * leaked table; without the key the table is useless. Deterministic so lookup is one query.
 */
export function hashRecoveryCode(key: Buffer, normalisedCode: string): Buffer {
  return createHmac('sha256', key).update(normalisedCode, 'utf8').digest();
}
