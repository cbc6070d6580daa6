import { HttpStatus } from '@nestjs/common';
import { AppException, CommonErrorCode, type ErrorDetails } from '@enclave/core';
import { AuthzErrorCode } from './authz-error-code.js';

const STATUS: Record<AuthzErrorCode, HttpStatus> = {
  [AuthzErrorCode.RoleNotFound]: HttpStatus.NOT_FOUND,
  [AuthzErrorCode.RoleExists]: HttpStatus.CONFLICT,
  [AuthzErrorCode.RoleNameInvalid]: HttpStatus.BAD_REQUEST,
  [AuthzErrorCode.UnknownPermission]: HttpStatus.BAD_REQUEST,
  [AuthzErrorCode.PermissionNotSchemable]: HttpStatus.BAD_REQUEST,
  [AuthzErrorCode.SystemRoleImmutable]: HttpStatus.CONFLICT,
  [AuthzErrorCode.Escalation]: HttpStatus.FORBIDDEN,
  [AuthzErrorCode.LastSystemAdmin]: HttpStatus.CONFLICT,
  [AuthzErrorCode.UserNotFound]: HttpStatus.NOT_FOUND,
  [AuthzErrorCode.GroupNotFound]: HttpStatus.NOT_FOUND,
  [AuthzErrorCode.ConversationNotFound]: HttpStatus.NOT_FOUND,
  [AuthzErrorCode.NotAChannel]: HttpStatus.BAD_REQUEST,
  [AuthzErrorCode.AccountExpired]: HttpStatus.FORBIDDEN,
};

/**
 * Marks an exception as an authorisation denial, so the edge records it as an `access.denied`
 * audit event (rate-capped) whatever its status: 403s, and the 404s that hide a resource the
 * caller may not know about. Not serialised: clients only see the error body.
 */
const DENIED = Symbol('enclave.authz.denied');

export function markDenied<E extends Error>(error: E, permission?: string): E {
  Object.defineProperty(error, DENIED, { value: permission ?? true, enumerable: false });
  return error;
}

/** The permission (or `true`) a denial was marked with; undefined for anything else. */
export function deniedPermission(error: unknown): string | true | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  return (error as { [DENIED]?: string | true })[DENIED];
}

/** Every error the authz module raises; the status follows from the code. Messages are client-safe. */
export class AuthzException extends AppException {
  constructor(code: AuthzErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, STATUS[code], details);
  }

  /** 403 FORBIDDEN for a permission the caller lacks; `permission` is a Permission value. */
  static forbidden(permission: string, message = 'You do not have permission to do this.', details: ErrorDetails = {}): AppException {
    return markDenied(new AppException(CommonErrorCode.Forbidden, message, HttpStatus.FORBIDDEN, { permission, ...details }), permission);
  }

  static roleNotFound(name: string): AuthzException {
    return new AuthzException(AuthzErrorCode.RoleNotFound, 'No such role.', { role: name });
  }
}
