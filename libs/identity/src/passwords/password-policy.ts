import { HttpStatus } from '@nestjs/common';
import { IdentityErrorCode } from '../errors/identity-error-code.js';
import { IdentityException } from '../errors/identity.exception.js';

/**
 * argon2 pre-hashes its input, so long passwords are cheap to hash; the cap stops
 * megabyte "passwords" being copied, normalised and compared, and matches what
 * password managers generate with room to spare.
 */
export const PASSWORD_MAX_LENGTH = 256;

export interface PasswordPolicySettings {
  readonly minLength: number;
  readonly rejectCommon: boolean;
}

/**
 * NIST SP 800-63B style: a length floor, a ceiling, and a breached-password list instead of
 * composition rules (which push people to "Password1!"). Lengths count Unicode code points,
 * so a Chinese passphrase is measured by characters typed, not UTF-16 units.
 */
export class PasswordPolicy {
  constructor(
    private readonly settings: PasswordPolicySettings,
    private readonly common: ReadonlySet<string>,
  ) {}

  get minLength(): number {
    return this.settings.minLength;
  }

  /** Throws the first rule the password breaks. `username` is rejected as a password too. */
  assertAcceptable(password: string, username?: string): void {
    const length = [...password.normalize('NFC')].length;
    if (length < this.settings.minLength) {
      throw new IdentityException(
        IdentityErrorCode.PasswordTooShort,
        `The password must be at least ${this.settings.minLength} characters long.`,
        HttpStatus.BAD_REQUEST,
        { minLength: this.settings.minLength },
      );
    }
    if (length > PASSWORD_MAX_LENGTH) {
      throw new IdentityException(
        IdentityErrorCode.PasswordTooLong,
        `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
        HttpStatus.BAD_REQUEST,
        { maxLength: PASSWORD_MAX_LENGTH },
      );
    }
    if (this.settings.rejectCommon && this.isCommon(password, username)) {
      throw new IdentityException(
        IdentityErrorCode.PasswordTooCommon,
        'This password is too common or appears in lists of breached passwords. Choose another.',
        HttpStatus.BAD_REQUEST,
      );
    }
  }

  private isCommon(password: string, username: string | undefined): boolean {
    const lower = password.normalize('NFC').toLowerCase();
    if (this.common.has(lower)) return true;
    return username !== undefined && lower.includes(username.toLowerCase()) && lower.length - username.length < 4;
  }
}
