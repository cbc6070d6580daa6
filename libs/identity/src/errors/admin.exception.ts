import { HttpStatus } from '@nestjs/common';
import { AppException, type ErrorDetails } from '@enclave/core';
import { AdminErrorCode } from './admin-error-code.js';

/** Errors of account administration. Messages are client-safe (an administrator reads them). */
export class AdminException extends AppException {
  constructor(code: AdminErrorCode, message: string, status: HttpStatus = HttpStatus.BAD_REQUEST, details?: ErrorDetails) {
    super(code, message, status, details);
  }

  static userNotFound(): AdminException {
    return new AdminException(AdminErrorCode.UserNotFound, 'No such user.', HttpStatus.NOT_FOUND);
  }

  static groupNotFound(): AdminException {
    return new AdminException(AdminErrorCode.GroupNotFound, 'No such group.', HttpStatus.NOT_FOUND);
  }

  static invalidCursor(): AdminException {
    return new AdminException(AdminErrorCode.InvalidCursor, 'The cursor is not valid for this list.');
  }

  static invitationInvalid(): AdminException {
    return new AdminException(AdminErrorCode.InvitationInvalid, 'This invitation link is not valid (it may have been used or revoked).', HttpStatus.NOT_FOUND);
  }

  static cannotTargetSelf(what: string): AdminException {
    return new AdminException(AdminErrorCode.CannotTargetSelf, `You cannot ${what} your own account.`, HttpStatus.CONFLICT);
  }
}
