import { HttpStatus } from '@nestjs/common';
import { AppException, CommonErrorCode, type Actor } from '@enclave/core';

/** Every messaging action is a user's: routes are authenticated, so this only catches misuse. */
export function actingUserId(actor: Actor): string {
  if (!actor.userId) throw new AppException(CommonErrorCode.Unauthenticated, 'Authentication required.', HttpStatus.UNAUTHORIZED);
  return actor.userId;
}
