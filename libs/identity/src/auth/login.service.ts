import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import { normaliseUsername, type AuthTokensResponse, type LoginRequest } from '@enclave/contracts';
import { CredentialsRepository, type CredentialRecord } from '../credentials/credentials.repository.js';
import { FailedAttempts } from '../credentials/failed-attempts.service.js';
import { IdentityErrorCode } from '../errors/identity-error-code.js';
import { IdentityException } from '../errors/identity.exception.js';
import { MfaService } from '../mfa/mfa.service.js';
import type { SecondFactor } from '../mfa/second-factor.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { PASSWORD_MAX_LENGTH } from '../passwords/password-policy.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { UsersRepository } from '../users/users.repository.js';
import type { UserRecord } from '../users/user.record.js';
import { LoginThrottle } from './login-throttle.service.js';

type FailureReason = 'unknown_user' | 'bad_password' | 'locked' | 'deactivated' | 'mfa_required' | 'mfa_invalid';

/** Thrown inside the success transaction to roll it back; turned into an audited failure outside. */
class LoginRejected extends Error {
  constructor(readonly reason: FailureReason) {
    super(reason);
  }
}

/**
 * Local sign-in. Order matters: the per-IP throttle first (cheapest), then the password
 * (argon2, also for unknown usernames so they take as long), then the account state and
 * the second factor. Every failure is audited and counted in a committed transaction
 * before the error is thrown.
 */
@Injectable()
export class LoginService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(CredentialsRepository) private readonly credentials: CredentialsRepository,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(FailedAttempts) private readonly failures: FailedAttempts,
    @Inject(MfaService) private readonly mfa: MfaService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async login(actor: Actor, request: LoginRequest): Promise<AuthTokensResponse> {
    const username = normaliseUsername(request.username).slice(0, 64);
    await this.assertNotThrottled(actor, username);
    const user = await this.users.findByUsername(username);
    const credential = user && (await this.credentials.findByUserId(user.id));
    if (!user || !credential) {
      await this.hasher.verifyDummy(request.password);
      return this.fail(actor, undefined, username, 'unknown_user');
    }
    const lockedFor = this.lockedForSeconds(credential);
    if (lockedFor > 0) return this.fail(actor, user, username, 'locked', lockedFor);
    const passwordOk = [...request.password].length <= PASSWORD_MAX_LENGTH && (await this.hasher.verify(credential.passwordHash, request.password));
    if (!passwordOk) return this.fail(actor, user, username, 'bad_password');
    const expiredGuest = user.guestExpiresAt !== null && user.guestExpiresAt.getTime() <= this.clock.nowMs();
    if (user.status !== 'active' || expiredGuest) return this.fail(actor, user, username, 'deactivated');

    let factor: SecondFactor | undefined;
    if (user.mfaEnabled) {
      factor = await this.mfa.checkSecondFactor(user.id, request);
      if (factor.kind === 'missing') return this.fail(actor, user, username, 'mfa_required');
      if (factor.kind === 'invalid') return this.fail(actor, user, username, 'mfa_invalid');
    }
    try {
      return await this.succeed(actor, user, credential, request.password, factor);
    } catch (error) {
      if (!(error instanceof LoginRejected)) throw error;
      const fresh = await this.credentials.findByUserId(user.id);
      return this.fail(actor, user, username, error.reason, fresh ? this.lockedForSeconds(fresh) : 0);
    }
  }

  private async succeed(actor: Actor, user: UserRecord, credential: CredentialRecord, password: string, factor: SecondFactor | undefined): Promise<AuthTokensResponse> {
    // Rehash before the transaction: argon2 must not hold a database connection.
    const upgradedHash = this.hasher.needsRehash(credential.passwordHash) ? await this.hasher.hash(password) : undefined;
    return this.tx.run(async () => {
      const now = this.clock.now();
      // Conditional reset: a concurrent failure may have locked the account since we looked.
      if (!(await this.credentials.recordSuccess(user.id, now))) throw new LoginRejected('locked');
      const signedIn: Actor = { ...actor, userId: user.id };
      if (factor && !(await this.mfa.consume(signedIn, user.id, factor))) throw new LoginRejected('mfa_invalid');
      if (upgradedHash) await this.credentials.replacePasswordHash(user.id, upgradedHash, now, false);
      const { sessionId, ...tokens } = await this.sessions.start(actor, user, factor !== undefined);
      await this.audit.record(
        { ...signedIn, sessionId },
        { action: AuditAction.AuthLoginSucceeded, target: { type: 'user', id: user.id }, outcome: 'success', details: { sessionId, mfa: factor?.kind ?? 'none' } },
      );
      return tokens;
    });
  }

  private async assertNotThrottled(actor: Actor, username: string): Promise<void> {
    const state = await this.throttle.check(actor.ip);
    if (!state.throttled) return;
    if (state.firstInWindow) {
      await this.tx.run(() =>
        this.audit.record(actor, {
          action: AuditAction.AuthLoginThrottled,
          outcome: 'failure',
          details: { username, retryAfterSeconds: state.retryAfterSeconds },
        }),
      );
    }
    throw IdentityException.throttled(state.retryAfterSeconds);
  }

  private async fail(actor: Actor, user: UserRecord | undefined, username: string, reason: FailureReason, lockedForSeconds = 0): Promise<never> {
    // Not counted: a missing second factor is a prompt, not a guess; a locked account's
    // counter is frozen until the lock ends anyway.
    const counted = reason === 'bad_password' || reason === 'mfa_invalid';
    const outcome = await this.failures.record(actor, { userId: user?.id, action: AuditAction.AuthLoginFailed, reason, counted, details: { username } });
    if (reason !== 'mfa_required') await this.throttle.recordFailure(actor.ip);
    const nowMs = this.clock.nowMs();
    if (outcome?.lockedUntil && outcome.lockedUntil.getTime() > nowMs) throw IdentityException.accountLocked((outcome.lockedUntil.getTime() - nowMs) / 1000);
    switch (reason) {
      case 'locked':
        throw IdentityException.accountLocked(lockedForSeconds);
      case 'deactivated':
        throw new IdentityException(IdentityErrorCode.AuthAccountDeactivated, 'This account is deactivated.', HttpStatus.UNAUTHORIZED);
      case 'mfa_required':
        throw new IdentityException(IdentityErrorCode.AuthMfaRequired, 'Enter the code from your authenticator app.', HttpStatus.UNAUTHORIZED);
      case 'mfa_invalid':
        throw new IdentityException(IdentityErrorCode.AuthMfaInvalid, 'The authentication code is not valid.', HttpStatus.UNAUTHORIZED);
      default:
        throw IdentityException.invalidCredentials();
    }
  }

  private lockedForSeconds(credential: CredentialRecord): number {
    const until = credential.lockedUntil?.getTime() ?? 0;
    return Math.max(0, (until - this.clock.nowMs()) / 1000);
  }
}
