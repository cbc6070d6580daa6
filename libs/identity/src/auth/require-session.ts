import type { Actor } from '@enclave/core';
import { IdentityException } from '../errors/identity.exception.js';

/** Routes behind the guard always have a session; this narrows the types and catches misuse. */
export function requireSession(actor: Actor): { userId: string; sessionId: string } {
  if (!actor.userId || !actor.sessionId) throw IdentityException.unauthenticated();
  return { userId: actor.userId, sessionId: actor.sessionId };
}
