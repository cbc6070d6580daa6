import { HttpStatus } from '@nestjs/common';
import { AppException, CommonErrorCode, type ErrorDetails } from '@enclave/core';
import { IdentityErrorCode } from './identity-error-code.js';

/** Every error the identity module raises. Messages are client-safe: never a secret or whether a username exists. */
export class IdentityException extends AppException {
  constructor(
    code: IdentityErrorCode | CommonErrorCode,
    message: string,
    status: HttpStatus,
    details?: ErrorDetails,
    headers?: Readonly<Record<string, string>>,
  ) {
    super(code, message, status, details, headers);
  }

  /** One error for unknown usernames, wrong passwords and password-less accounts: no user enumeration. */
  static invalidCredentials(): IdentityException {
    return new IdentityException(IdentityErrorCode.AuthInvalidCredentials, 'The username or password is incorrect.', HttpStatus.UNAUTHORIZED);
  }

  static accountLocked(retryAfterSeconds: number): IdentityException {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return new IdentityException(
      IdentityErrorCode.AuthAccountLocked,
      'Too many failed sign-in attempts: the account is temporarily locked.',
      HttpStatus.LOCKED,
      { retryAfterSeconds: seconds },
      { 'Retry-After': String(seconds) },
    );
  }

  static throttled(retryAfterSeconds: number): IdentityException {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return new IdentityException(
      IdentityErrorCode.AuthThrottled,
      'Too many sign-in attempts from this address. Try again later.',
      HttpStatus.TOO_MANY_REQUESTS,
      { retryAfterSeconds: seconds },
      { 'Retry-After': String(seconds) },
    );
  }

  /** 401 from the access-token guard; clients refresh on AUTH_TOKEN_EXPIRED and sign in again otherwise. */
  static unauthenticated(code: IdentityErrorCode | CommonErrorCode = CommonErrorCode.Unauthenticated, message = 'Authentication required.'): IdentityException {
    return new IdentityException(code, message, HttpStatus.UNAUTHORIZED);
  }
}
