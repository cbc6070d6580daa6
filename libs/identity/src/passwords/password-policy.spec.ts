import { describe, expect, it } from '@jest/globals';
import { IdentityErrorCode } from '../errors/identity-error-code.js';
import { IdentityException } from '../errors/identity.exception.js';
import { loadCommonPasswords } from './common-passwords.js';
import { PASSWORD_MAX_LENGTH, PasswordPolicy } from './password-policy.js';

const common = loadCommonPasswords();

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(IdentityException);
    return (error as IdentityException).code;
  }
}

describe('PasswordPolicy', () => {
  const policy = new PasswordPolicy({ minLength: 12, rejectCommon: true }, common);

  it('accepts a long, uncommon passphrase', () => {
    expect(codeOf(() => policy.assertAcceptable('correct horse battery staple'))).toBeUndefined();
  });

  it('rejects short passwords with the configured minimum in the details', () => {
    try {
      policy.assertAcceptable('short-pw');
      throw new Error('expected a rejection');
    } catch (error) {
      expect((error as IdentityException).code).toBe(IdentityErrorCode.PasswordTooShort);
      expect((error as IdentityException).details).toEqual({ minLength: 12 });
      expect((error as IdentityException).message).not.toContain('short-pw');
    }
  });

  it('counts code points, so a Chinese passphrase of 12 characters is long enough', () => {
    expect(codeOf(() => policy.assertAcceptable('我的密码是一个很长的句子'))).toBeUndefined();
    expect(codeOf(() => policy.assertAcceptable('😀'.repeat(11)))).toBe(IdentityErrorCode.PasswordTooShort);
  });

  it('rejects passwords over the maximum length', () => {
    expect(codeOf(() => policy.assertAcceptable('x'.repeat(PASSWORD_MAX_LENGTH)))).toBeUndefined();
    expect(codeOf(() => policy.assertAcceptable('x'.repeat(PASSWORD_MAX_LENGTH + 1)))).toBe(IdentityErrorCode.PasswordTooLong);
  });

  it.each(['password1234', 'Password1234', 'qwertyuiop123', 'woaini520520', '1q2w3e4r5t6y', '123456789012', '1qaz2wsx3edc'])(
    'rejects the common password %s regardless of case',
    (pw) => {
      expect(codeOf(() => policy.assertAcceptable(pw))).toBe(IdentityErrorCode.PasswordTooCommon);
    },
  );

  it('rejects the username with a short suffix', () => {
    expect(codeOf(() => policy.assertAcceptable('alice.wonder1', 'alice.wonder'))).toBe(IdentityErrorCode.PasswordTooCommon);
    expect(codeOf(() => policy.assertAcceptable('alice.wonder and a long story', 'alice.wonder'))).toBeUndefined();
  });

  it('can be told not to check the list', () => {
    const lenient = new PasswordPolicy({ minLength: 8, rejectCommon: false }, new Set());
    expect(codeOf(() => lenient.assertAcceptable('password1'))).toBeUndefined();
  });
});

describe('the shipped common-password list', () => {
  it('has thousands of lower-cased entries including the classic and Chinese favourites', () => {
    expect(common.size).toBeGreaterThan(50_000);
    for (const pw of ['123456', 'password', 'qwerty', '12345678', 'iloveyou', 'woaini1314', '5201314', 'aa123456', 'qq123456', '1qaz2wsx']) {
      expect(common.has(pw)).toBe(true);
    }
    expect([...common].every((p) => p === p.toLowerCase())).toBe(true);
  });
});
