import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import type { ChangePasswordRequest } from '@enclave/contracts';
import { IdentityErrorCode } from '../errors/identity-error-code.js';
import { IdentityException } from '../errors/identity.exception.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { PasswordPolicy, PASSWORD_MAX_LENGTH } from '../passwords/password-policy.js';
import { requireSession } from '../auth/require-session.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { SessionRevocationReason } from '../sessions/session.record.js';
import { UsersRepository } from '../users/users.repository.js';
import { CredentialsRepository } from './credentials.repository.js';
import { FailedAttempts } from './failed-attempts.service.js';

/** Local passwords: setting one, changing one, and re-checking one before sensitive changes. */
@Injectable()
export class PasswordService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(CredentialsRepository) private readonly credentials: CredentialsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(PasswordPolicy) private readonly policy: PasswordPolicy,
    @Inject(FailedAttempts) private readonly failures: FailedAttempts,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Checks a new user's first password against the policy and hashes it (before any transaction opens). */
  async hashInitial(password: string, username: string): Promise<string> {
    this.policy.assertAcceptable(password, username);
    return this.hasher.hash(password);
  }

  /** Stores a hash from `hashInitial`; joins the caller's transaction. */
  async storeInitial(userId: string, passwordHash: string): Promise<void> {
    await this.credentials.insert(userId, passwordHash, this.clock.now());
  }

  /** Changes the caller's password and ends their other sessions (a thief's among them). */
  async changePassword(actor: Actor, request: ChangePasswordRequest): Promise<void> {
    const { userId } = requireSession(actor);
    const user = await this.users.findById(userId);
    if (!user) throw IdentityException.unauthenticated();
    this.policy.assertAcceptable(request.newPassword, user.username);
    await this.verifyForReauth(actor, userId, request.currentPassword, AuditAction.UserPasswordChanged);
    const hash = await this.hasher.hash(request.newPassword);
    await this.tx.run(async () => {
      const now = this.clock.now();
      await this.credentials.replacePasswordHash(userId, hash, now, true);
      await this.credentials.recordSuccess(userId, now);
      await this.users.setMustChangePassword(userId, false);
      const sessionsRevoked = await this.sessions.revokeOthers(actor, userId, SessionRevocationReason.PasswordChanged);
      await this.audit.record(actor, { action: AuditAction.UserPasswordChanged, target: { type: 'user', id: userId }, outcome: 'success', details: { sessionsRevoked } });
    });
  }

  /**
   * Proves the caller still knows the password before a sensitive change. Wrong guesses
   * count toward the same lockout as logins (a stolen access token must not become an
   * unlimited password oracle) and are audited under `action`.
   */
  async verifyForReauth(actor: Actor, userId: string, password: string, action: AuditAction): Promise<void> {
    const credential = await this.credentials.findByUserId(userId);
    if (!credential) throw passwordIncorrect(); // SSO-only accounts have no local password to prove
    const now = this.clock.nowMs();
    if (credential.lockedUntil && credential.lockedUntil.getTime() > now) {
      throw IdentityException.accountLocked((credential.lockedUntil.getTime() - now) / 1000);
    }
    const ok = [...password].length <= PASSWORD_MAX_LENGTH && (await this.hasher.verify(credential.passwordHash, password));
    if (ok) return;
    const outcome = await this.failures.record(actor, { userId, action, reason: 'wrong_current_password', counted: true });
    if (outcome?.lockedUntil && outcome.lockedUntil.getTime() > now) {
      throw IdentityException.accountLocked((outcome.lockedUntil.getTime() - now) / 1000);
    }
    throw passwordIncorrect();
  }
}

function passwordIncorrect(): IdentityException {
  return new IdentityException(IdentityErrorCode.PasswordIncorrect, 'The current password is incorrect.', HttpStatus.BAD_REQUEST);
}
