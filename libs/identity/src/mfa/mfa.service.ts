import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, type Actor, type AppConfig } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import type { MfaReauthRequest, RecoveryCodesResponse, TotpEnrolmentResponse } from '@enclave/contracts';
import { requireSession } from '../auth/require-session.js';
import { PasswordService } from '../credentials/password.service.js';
import { FailedAttempts } from '../credentials/failed-attempts.service.js';
import { IdentityKeys } from '../crypto/identity-keys.service.js';
import { openSecret, sealSecret } from '../crypto/secret-box.js';
import { IdentityErrorCode } from '../errors/identity-error-code.js';
import { IdentityException } from '../errors/identity.exception.js';
import { UsersRepository } from '../users/users.repository.js';
import type { UserRecord } from '../users/user.record.js';
import { MfaRepository, type TotpRecord } from './mfa.repository.js';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.js';
import type { SecondFactor, SecondFactorInput } from './second-factor.js';
import { looksLikeTotpCode, newTotpSecret, totpUri, verifyTotp } from './totp.js';

/** TOTP enrolment and management, recovery codes, and the second-factor check at login. */
@Injectable()
export class MfaService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(MfaRepository) private readonly mfa: MfaRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(IdentityKeys) private readonly keys: IdentityKeys,
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(FailedAttempts) private readonly failures: FailedAttempts,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Starts (or restarts) enrolment. The secret is returned once, for the QR code, and stored encrypted. */
  async startEnrolment(actor: Actor): Promise<TotpEnrolmentResponse> {
    const user = await this.currentUser(actor);
    if (user.mfaEnabled) throw mfaAlreadyEnabled();
    const secret = newTotpSecret();
    await this.tx.run(async () => {
      if (!(await this.mfa.savePendingTotp(user.id, sealSecret(this.keys.mfaEncryptionKey(), secret, sealContext(user.id)), this.clock.now()))) {
        throw mfaAlreadyEnabled();
      }
      await this.audit.record(actor, { action: AuditAction.MfaEnrolmentStarted, target: { type: 'user', id: user.id }, outcome: 'success' });
    });
    return { secret, otpauthUri: totpUri(this.config.auth.mfaIssuer, user.username, secret) };
  }

  /** Confirms enrolment with a first code; enables MFA and returns the recovery codes, once. */
  async confirmEnrolment(actor: Actor, code: string): Promise<RecoveryCodesResponse> {
    const user = await this.currentUser(actor);
    const totp = await this.mfa.findTotp(user.id);
    if (!totp) throw new IdentityException(IdentityErrorCode.MfaEnrolmentNotStarted, 'Start TOTP enrolment first.', HttpStatus.BAD_REQUEST);
    if (totp.enabledAt) throw mfaAlreadyEnabled();
    const step = await verifyTotp(this.secretOf(totp), code, this.clock.nowMs(), totp.lastUsedStep ?? undefined);
    if (step === undefined) {
      await this.failures.record(actor, { userId: user.id, action: AuditAction.MfaEnabled, reason: 'invalid_code', counted: false });
      throw mfaCodeInvalid();
    }
    const codes = newRecoveryCodes();
    await this.tx.run(async () => {
      const now = this.clock.now();
      if (!(await this.mfa.advanceTotpStep(user.id, step)) || !(await this.mfa.enableTotp(user.id, now))) throw mfaCodeInvalid();
      await this.mfa.replaceRecoveryCodes(user.id, this.hashCodes(codes), now);
      await this.audit.record(actor, { action: AuditAction.MfaEnabled, target: { type: 'user', id: user.id }, outcome: 'success', details: { method: 'totp' } });
    });
    return { recoveryCodes: codes };
  }

  async disable(actor: Actor, proof: MfaReauthRequest): Promise<void> {
    const user = await this.currentUser(actor);
    const totp = await this.requireEnabled(user);
    await this.reauthenticate(actor, user, totp, proof, AuditAction.MfaDisabled);
    await this.tx.run(async () => {
      await this.mfa.deleteAll(user.id);
      await this.audit.record(actor, { action: AuditAction.MfaDisabled, target: { type: 'user', id: user.id }, outcome: 'success' });
    });
  }

  async regenerateRecoveryCodes(actor: Actor, proof: MfaReauthRequest): Promise<RecoveryCodesResponse> {
    const user = await this.currentUser(actor);
    const totp = await this.requireEnabled(user);
    await this.reauthenticate(actor, user, totp, proof, AuditAction.MfaRecoveryCodesRegenerated);
    const codes = newRecoveryCodes();
    await this.tx.run(async () => {
      await this.mfa.replaceRecoveryCodes(user.id, this.hashCodes(codes), this.clock.now());
      await this.audit.record(actor, { action: AuditAction.MfaRecoveryCodesRegenerated, target: { type: 'user', id: user.id }, outcome: 'success' });
    });
    return { recoveryCodes: codes };
  }

  /**
   * Checks the second factor a login presented, without consuming it: `consume` does that
   * inside the login transaction, so a login that fails later does not burn a recovery code.
   * A recovery code is accepted in either field (people paste it into the code box).
   */
  async checkSecondFactor(userId: string, input: SecondFactorInput): Promise<SecondFactor> {
    const presented = (input.totp ?? '').trim() || (input.recoveryCode ?? '').trim();
    if (!presented) return { kind: 'missing' };
    const totp = await this.mfa.findTotp(userId);
    if (!totp?.enabledAt) return { kind: 'invalid' };
    if (looksLikeTotpCode(presented)) {
      const step = await verifyTotp(this.secretOf(totp), presented, this.clock.nowMs(), totp.lastUsedStep ?? undefined);
      return step === undefined ? { kind: 'invalid' } : { kind: 'totp', step };
    }
    const normalised = normaliseRecoveryCode(presented);
    return normalised ? { kind: 'recovery_code', hash: hashRecoveryCode(this.keys.recoveryCodeKey(), normalised) } : { kind: 'invalid' };
  }

  /** Spends the factor (TOTP step high-water mark, or the recovery code); false if already spent. Joins the caller's transaction. */
  async consume(actor: Actor, userId: string, factor: SecondFactor): Promise<boolean> {
    if (factor.kind === 'totp') return this.mfa.advanceTotpStep(userId, factor.step);
    if (factor.kind !== 'recovery_code') return false;
    if (!(await this.mfa.consumeRecoveryCode(userId, factor.hash, this.clock.now()))) return false;
    const remaining = await this.mfa.countUnusedRecoveryCodes(userId);
    await this.audit.record(actor, { action: AuditAction.MfaRecoveryCodeUsed, target: { type: 'user', id: userId }, outcome: 'success', details: { remaining } });
    return true;
  }

  /** The password, or a current authenticator code, proves the owner is at the keyboard. */
  private async reauthenticate(actor: Actor, user: UserRecord, totp: TotpRecord, proof: MfaReauthRequest, action: AuditAction): Promise<void> {
    if (proof.password) return this.passwords.verifyForReauth(actor, user.id, proof.password, action);
    if (!proof.totp) throw new IdentityException(IdentityErrorCode.ReauthRequired, 'Confirm with your password or a current authenticator code.', HttpStatus.BAD_REQUEST);
    const step = await verifyTotp(this.secretOf(totp), proof.totp, this.clock.nowMs(), totp.lastUsedStep ?? undefined);
    if (step !== undefined && (await this.mfa.advanceTotpStep(user.id, step))) return;
    await this.failures.record(actor, { userId: user.id, action, reason: 'invalid_code', counted: true });
    throw mfaCodeInvalid();
  }

  private async currentUser(actor: Actor): Promise<UserRecord> {
    const user = await this.users.findById(requireSession(actor).userId);
    if (!user) throw IdentityException.unauthenticated();
    return user;
  }

  private async requireEnabled(user: UserRecord): Promise<TotpRecord> {
    const totp = await this.mfa.findTotp(user.id);
    if (!totp?.enabledAt) throw new IdentityException(IdentityErrorCode.MfaNotEnabled, 'Two-factor authentication is not enabled.', HttpStatus.CONFLICT);
    return totp;
  }

  private secretOf(totp: TotpRecord): string {
    const secret = openSecret(this.keys.mfaEncryptionKey(), totp.secretCiphertext, sealContext(totp.userId));
    // Only a changed MFA_ENCRYPTION_KEY or a tampered row gets here; both need an operator, not the user.
    if (secret === undefined) throw new Error(`TOTP secret of user ${totp.userId} cannot be decrypted (was MFA_ENCRYPTION_KEY changed?)`);
    return secret;
  }

  private hashCodes(codes: readonly string[]): Buffer[] {
    return codes.map((c) => hashRecoveryCode(this.keys.recoveryCodeKey(), normaliseRecoveryCode(c)!));
  }
}

function sealContext(userId: string): string {
  return `totp:${userId}`;
}

function mfaAlreadyEnabled(): IdentityException {
  return new IdentityException(IdentityErrorCode.MfaAlreadyEnabled, 'Two-factor authentication is already enabled.', HttpStatus.CONFLICT);
}

function mfaCodeInvalid(): IdentityException {
  return new IdentityException(IdentityErrorCode.MfaCodeInvalid, 'The code is not valid. Check the time on your device and try again.', HttpStatus.BAD_REQUEST);
}
