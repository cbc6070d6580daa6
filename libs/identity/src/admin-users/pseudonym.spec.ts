import { describe, expect, it } from '@jest/globals';
import { isValidUsername } from '@enclave/contracts';
import { newPseudonym, PSEUDONYM_PATTERN } from './pseudonym.js';

describe('newPseudonym', () => {
  it('is a valid, random username', () => {
    const names = new Set(Array.from({ length: 200 }, newPseudonym));
    expect(names.size).toBe(200);
    for (const name of names) {
      expect(name).toMatch(PSEUDONYM_PATTERN);
      expect(isValidUsername(name)).toBe(true);
    }
  });
});
