import { randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditContext } from '@enclave/audit';
import { Permission, type ResetPasswordRequest, type ResetPasswordResponse, type SessionsRevokedResponse } from '@enclave/contracts';
import { AdminAuthorizer } from '../admin-access/admin-authorizer.js';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { PasswordService } from '../credentials/password.service.js';
import { AdminErrorCode } from '../errors/admin-error-code.js';
import { AdminException } from '../errors/admin.exception.js';
import { MfaRepository } from '../mfa/mfa.repository.js';
import { SessionRevocationReason } from '../sessions/session.record.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { AdminUserRecord } from './admin-user.record.js';
import { AdminUsersRepository } from './admin-users.repository.js';

/**
 * An administrator's levers on someone's sign-in: reset the password (the user must change
 * it before anything else), reset MFA, sign them out everywhere.
 */
@Injectable()
export class AccountAccessService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AuditContext) private readonly audit: AuditContext,
    @Inject(AdminUsersRepository) private readonly users: AdminUsersRepository,
    @Inject(CredentialsRepository) private readonly credentials: CredentialsRepository,
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(MfaRepository) private readonly mfa: MfaRepository,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AdminAuthorizer) private readonly authorizer: AdminAuthorizer,
  ) {}

  /**
   * Sets a temporary password (the administrator's, or a generated one returned once), unlocks
   * the account, ends every session and makes the next sign-in a restricted one: 403
   * AUTH_PASSWORD_CHANGE_REQUIRED everywhere until the user picks their own password.
   */
  async resetPassword(actor: Actor, userId: string, request: ResetPasswordRequest): Promise<ResetPasswordResponse> {
    if (userId === actor.userId) throw AdminException.cannotTargetSelf('reset the password of (change it under your profile)');
    await this.authorizer.assertUsers(actor, 'resetPassword', Permission.UserResetPassword, [userId]);
    const user = await this.requireChangeable(userId);
    const generated = request.password === undefined ? randomBytes(15).toString('base64url') : undefined;
    const hash = await this.passwords.hashInitial(request.password ?? generated!, user.username);
    return this.tx.run(async () => {
      await this.requireChangeable(userId, true);
      const now = this.clock.now();
      if (await this.credentials.findByUserId(userId)) {
        await this.credentials.replacePasswordHash(userId, hash, now, true);
        await this.credentials.recordSuccess(userId, now);
      } else {
        await this.credentials.insert(userId, hash, now);
      }
      await this.users.setMustChangePassword(userId, true, now);
      const revoked = await this.sessions.revokeAll(actor, userId, SessionRevocationReason.AdminPasswordReset);
      this.audit.setBefore({ mustChangePassword: user.mustChangePassword });
      this.audit.setAfter({ mustChangePassword: true });
      this.audit.addDetails({ sessionsRevoked: revoked.length, passwordSource: generated ? 'generated' : 'administrator' });
      return generated ? { temporaryPassword: generated, sessionsRevoked: revoked.length } : { sessionsRevoked: revoked.length };
    });
  }

  /** Removes the TOTP enrolment and recovery codes (a lost phone); the user may enrol again. */
  async resetMfa(actor: Actor, userId: string): Promise<void> {
    await this.authorizer.assertUsers(actor, 'resetMfa', Permission.UserResetMfa, [userId]);
    await this.tx.run(async () => {
      await this.requireChangeable(userId, true);
      if (!(await this.mfa.deleteAll(userId))) throw new AdminException(AdminErrorCode.MfaNotEnabled, 'This user has no MFA enrolment.', HttpStatus.CONFLICT);
      this.audit.setBefore({ mfaEnrolled: true });
      this.audit.setAfter({ mfaEnrolled: false });
    });
  }

  async revokeSessions(actor: Actor, userId: string): Promise<SessionsRevokedResponse> {
    await this.authorizer.assertUsers(actor, 'revokeSessions', Permission.UserForceLogout, [userId]);
    return this.tx.run(async () => {
      await this.requireChangeable(userId, true);
      const revoked = await this.sessions.revokeAll(actor, userId, SessionRevocationReason.AdminForcedLogout, userId === actor.userId ? actor.sessionId : undefined);
      this.audit.setAfter({ sessionsRevoked: revoked.length });
      return { sessionsRevoked: revoked.length };
    });
  }

  private async requireChangeable(userId: string, lock = false): Promise<AdminUserRecord> {
    const user = await this.users.findById(userId, { lock });
    if (!user) throw AdminException.userNotFound();
    if (user.erasedAt) throw new AdminException(AdminErrorCode.UserErased, 'This account was erased and can no longer be changed.', HttpStatus.CONFLICT);
    return user;
  }
}
