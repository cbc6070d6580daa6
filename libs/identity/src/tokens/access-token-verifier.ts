import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock, CommonErrorCode, type RequestAuth } from '@enclave/core';
import { IdentityKeys } from '../crypto/identity-keys.service.js';
import { IdentityErrorCode } from '../errors/identity-error-code.js';
import { IdentityException } from '../errors/identity.exception.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import { ActivityTracker } from '../statistics/activity-tracker.service.js';
import { verifyJwt } from './jwt.js';

/** Last-used times are for people reading their session list; minute precision spares a write per request. */
const TOUCH_INTERVAL_SECONDS = 60;

/**
 * Turns an access token into `{ userId, sessionId }` or throws a 401 IdentityException.
 * Beyond the signature and expiry it checks, in one primary-key query, that the session
 * is live and the user active, so revoking a session or deactivating a user takes effect
 * on the next request instead of when the token expires. Used by the HTTP guard and, at
 * handshake, by the realtime gateway.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    @Inject(IdentityKeys) private readonly keys: IdentityKeys,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ActivityTracker) private readonly activity: ActivityTracker,
  ) {}

  /**
   * `allowPendingPasswordChange`: accept a session whose user must change their password
   * first (only the routes that let them do so); everyone else gets AUTH_PASSWORD_CHANGE_REQUIRED.
   */
  async verify(token: string, options: { allowPendingPasswordChange?: boolean } = {}): Promise<RequestAuth> {
    const nowMs = this.clock.nowMs();
    const check = verifyJwt(token, this.keys.jwtKey(), Math.floor(nowMs / 1000));
    if (!check.ok) {
      throw check.reason === 'expired'
        ? IdentityException.unauthenticated(IdentityErrorCode.AuthTokenExpired, 'The access token has expired; refresh it.')
        : IdentityException.unauthenticated(CommonErrorCode.Unauthenticated, 'The access token is invalid.');
    }
    const { sub: userId, sid: sessionId } = check.claims;
    const state = await this.sessions.findAuthState(sessionId, new Date(nowMs));
    if (!state || state.userId !== userId) {
      throw IdentityException.unauthenticated(CommonErrorCode.Unauthenticated, 'The access token is invalid.');
    }
    if (state.revokedAt !== null || state.expiresAt.getTime() <= nowMs) {
      throw IdentityException.unauthenticated(IdentityErrorCode.AuthSessionRevoked, 'This session has ended. Sign in again.');
    }
    if (!state.userActive) {
      throw IdentityException.unauthenticated(IdentityErrorCode.AuthAccountDeactivated, 'This account is deactivated.');
    }
    if (state.passwordChangeRequired && !options.allowPendingPasswordChange) {
      throw new IdentityException(IdentityErrorCode.AuthPasswordChangeRequired, 'Your password was reset by an administrator: choose a new one first.', HttpStatus.FORBIDDEN);
    }
    if (nowMs - state.lastUsedAt.getTime() > TOUCH_INTERVAL_SECONDS * 1000) {
      await this.sessions.touch(sessionId, new Date(nowMs), TOUCH_INTERVAL_SECONDS);
    }
    await this.activity.record(userId, new Date(nowMs));
    return { userId, sessionId };
  }

  /** The token from an `Authorization: Bearer …` header value, if there is one. */
  static fromAuthorizationHeader(header: string | undefined): string | undefined {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
}
