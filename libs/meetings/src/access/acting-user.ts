import { CommonErrorCode, AppException, type Actor } from '@enclave/core';
import { HttpStatus } from '@nestjs/common';

/** Meetings are always someone's: an actor without a user (anonymous, system) cannot act here. */
export function actingUserId(actor: Actor): string {
  if (!actor.userId) throw new AppException(CommonErrorCode.Unauthenticated, 'Sign in first.', HttpStatus.UNAUTHORIZED);
  return actor.userId;
}
