import { HttpStatus } from '@nestjs/common';
import type { Actor } from './actor.js';
import { AppException } from './errors/app.exception.js';
import { CommonErrorCode } from './errors/error-code.js';

/**
 * The user an action is taken for. Routes and socket events are authenticated, so an actor
 * without a user (anonymous, the system) here is a misuse: it is refused as unauthenticated.
 */
export function actingUserId(actor: Actor): string {
  if (!actor.userId) throw new AppException(CommonErrorCode.Unauthenticated, 'Authentication required.', HttpStatus.UNAUTHORIZED);
  return actor.userId;
}
