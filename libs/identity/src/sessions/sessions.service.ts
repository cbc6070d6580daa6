import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, newId, type Actor, type AppConfig } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import type { AuthTokensResponse, SessionListResponse } from '@enclave/contracts';
import { IdentityErrorCode } from '../errors/identity-error-code.js';
import { IdentityException } from '../errors/identity.exception.js';
import { AccessTokenService } from '../tokens/access-token.service.js';
import { hashRefreshSecret, newRefreshToken, parseRefreshToken, refreshSecretMatches } from '../tokens/refresh-token.js';
import { UsersRepository } from '../users/users.repository.js';
import { toUserResponse } from '../users/user-response.mapper.js';
import type { UserRecord } from '../users/user.record.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionRevocationReason } from './session.record.js';
import { toSessionResponse } from './session-response.mapper.js';
import { requireSession } from '../auth/require-session.js';
import { IdentityEvents } from '../events/identity-events.js';
import { ActivityTracker } from '../statistics/activity-tracker.service.js';

type RefreshOutcome =
  | { readonly ok: true; readonly response: AuthTokensResponse }
  | { readonly ok: false; readonly error: IdentityException };

/**
 * Sessions: one per sign-in, the unit users see and revoke. Each holds a chain of
 * single-use refresh tokens; presenting a rotated one means a copy exists somewhere else,
 * so the whole session (the token family) is revoked.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AccessTokenService) private readonly accessTokens: AccessTokenService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(IdentityEvents) private readonly events: IdentityEvents,
    @Inject(ActivityTracker) private readonly activity: ActivityTracker,
  ) {}

  /** Opens a session for a user who just proved who they are; joins the caller's transaction. */
  async start(actor: Actor, user: UserRecord, mfa: boolean): Promise<AuthTokensResponse & { sessionId: string }> {
    const now = this.clock.now();
    const sessionId = newId();
    const refresh = newRefreshToken();
    await this.sessions.create(
      { id: sessionId, userId: user.id, expiresAt: this.idleExpiry(now), userAgent: actor.userAgent, ip: actor.ip?.slice(0, 64), mfa },
      { id: refresh.id, hash: hashRefreshSecret(refresh.secret) },
      now,
    );
    const access = this.accessTokens.issue(user.id, sessionId);
    // Signing in counts as activity (DAU); after commit, so a failed write cannot spoil the sign-in.
    await this.tx.afterCommit(() => this.activity.record(user.id, now));
    return {
      sessionId,
      accessToken: access.token,
      refreshToken: refresh.token,
      expiresIn: access.expiresIn,
      user: toUserResponse(user),
      passwordChangeRequired: user.mustChangePassword,
    };
  }

  async refresh(actor: Actor, refreshToken: string): Promise<AuthTokensResponse> {
    const parts = parseRefreshToken(refreshToken);
    if (!parts) throw refreshInvalid();
    // Reuse detection must commit (revocation + audit), so failures are returned, not thrown, inside the transaction.
    const outcome = await this.tx.run(async (): Promise<RefreshOutcome> => {
      const now = this.clock.now();
      const stored = await this.sessions.findRefreshTokenForUpdate(parts.id);
      if (!stored || !refreshSecretMatches(parts.secret, stored.tokenHash) || stored.session.revokedAt !== null) {
        return { ok: false, error: refreshInvalid() };
      }
      const session = stored.session;
      const owner: Actor = { ...actor, userId: session.userId, sessionId: session.id };
      if (stored.rotatedAt !== null) {
        await this.sessions.revoke(session.id, session.userId, SessionRevocationReason.RefreshReuse, now);
        await this.events.publishAfterCommit({ type: 'sessions.revoked', userId: session.userId, sessionIds: [session.id] });
        await this.audit.record(owner, {
          action: AuditAction.AuthRefreshReuseDetected,
          target: { type: 'session', id: session.id },
          outcome: 'failure',
          details: { userId: session.userId, tokenRotatedAt: stored.rotatedAt.toISOString() },
        });
        await this.audit.record(owner, {
          action: AuditAction.SessionRevoked,
          target: { type: 'session', id: session.id },
          outcome: 'success',
          details: { userId: session.userId, reason: SessionRevocationReason.RefreshReuse },
        });
        return {
          ok: false,
          error: new IdentityException(IdentityErrorCode.AuthRefreshReused, 'This refresh token was already used; the session has been ended for safety.', HttpStatus.UNAUTHORIZED),
        };
      }
      if (session.expiresAt.getTime() <= now.getTime()) return { ok: false, error: refreshInvalid() };
      const user = await this.users.findById(session.userId);
      if (!user || user.status !== 'active' || isExpiredGuest(user, now)) {
        return { ok: false, error: new IdentityException(IdentityErrorCode.AuthAccountDeactivated, 'This account is deactivated.', HttpStatus.UNAUTHORIZED) };
      }
      const next = newRefreshToken();
      await this.sessions.rotate(stored.id, session.id, { id: next.id, hash: hashRefreshSecret(next.secret) }, now, this.idleExpiry(now));
      await this.audit.record(owner, { action: AuditAction.AuthTokenRefreshed, target: { type: 'session', id: session.id }, outcome: 'success' });
      const access = this.accessTokens.issue(user.id, session.id);
      return {
        ok: true,
        response: { accessToken: access.token, refreshToken: next.token, expiresIn: access.expiresIn, user: toUserResponse(user), passwordChangeRequired: user.mustChangePassword },
      };
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.response;
  }

  async logout(actor: Actor): Promise<void> {
    const { userId, sessionId } = requireSession(actor);
    await this.tx.run(async () => {
      await this.sessions.revoke(sessionId, userId, SessionRevocationReason.Logout, this.clock.now());
      await this.audit.record(actor, { action: AuditAction.AuthLogout, target: { type: 'session', id: sessionId }, outcome: 'success' });
      await this.events.publishAfterCommit({ type: 'sessions.revoked', userId, sessionIds: [sessionId] });
    });
  }

  async listOwn(actor: Actor): Promise<SessionListResponse> {
    const { userId, sessionId } = requireSession(actor);
    const sessions = await this.sessions.listActiveForUser(userId, this.clock.now());
    return { items: sessions.map((s) => toSessionResponse(s, sessionId)) };
  }

  async revokeOwn(actor: Actor, targetSessionId: string): Promise<void> {
    const { userId } = requireSession(actor);
    const revoked = await this.tx.run(async () => {
      const done = await this.sessions.revoke(targetSessionId, userId, SessionRevocationReason.UserRevoked, this.clock.now());
      if (done) {
        await this.audit.record(actor, {
          action: AuditAction.SessionRevoked,
          target: { type: 'session', id: targetSessionId },
          outcome: 'success',
          details: { userId, reason: SessionRevocationReason.UserRevoked },
        });
        await this.events.publishAfterCommit({ type: 'sessions.revoked', userId, sessionIds: [targetSessionId] });
      }
      return done;
    });
    if (!revoked) throw new IdentityException(IdentityErrorCode.SessionNotFound, 'No such active session.', HttpStatus.NOT_FOUND);
  }

  /** Ends every other session of the user (after a password change); joins the caller's transaction. */
  async revokeOthers(actor: Actor, userId: string, reason: SessionRevocationReason): Promise<number> {
    return (await this.revokeAll(actor, userId, reason, actor.sessionId)).length;
  }

  /**
   * Ends every session of `userId` (but `keepSessionId`): their refresh tokens stop working at
   * once, access tokens at their next request, and after commit their sockets are closed on
   * every node. One audit record per session. Joins the caller's transaction.
   */
  async revokeAll(actor: Actor, userId: string, reason: SessionRevocationReason, keepSessionId?: string): Promise<string[]> {
    const revoked = await this.sessions.revokeAllForUser(userId, keepSessionId, reason, this.clock.now());
    for (const id of revoked) {
      await this.audit.record(actor, { action: AuditAction.SessionRevoked, target: { type: 'session', id }, outcome: 'success', details: { userId, reason } });
    }
    if (revoked.length > 0) await this.events.publishAfterCommit({ type: 'sessions.revoked', userId, sessionIds: revoked });
    return revoked;
  }

  private idleExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.auth.refreshTokenTtlSeconds * 1000);
  }
}

function isExpiredGuest(user: UserRecord, now: Date): boolean {
  return user.guestExpiresAt !== null && user.guestExpiresAt.getTime() <= now.getTime();
}

function refreshInvalid(): IdentityException {
  return new IdentityException(IdentityErrorCode.AuthRefreshInvalid, 'The refresh token is invalid or expired. Sign in again.', HttpStatus.UNAUTHORIZED);
}
