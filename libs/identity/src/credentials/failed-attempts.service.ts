import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, type Actor, type AppConfig } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import { CredentialsRepository, type FailureOutcome } from './credentials.repository.js';

export interface FailedAttempt {
  /** Undefined for unknown usernames: audited, but there is no account to count against. */
  readonly userId: string | undefined;
  readonly action: AuditAction;
  readonly reason: string;
  /** Whether it counts toward the account lockout (a missing second factor does not). */
  readonly counted: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Records a failed proof of identity (login, re-authentication): the lockout counter and
 * the audit records commit together in their own transaction, before the caller throws,
 * so a failure can never be rolled back by the error that reports it.
 */
@Injectable()
export class FailedAttempts {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(CredentialsRepository) private readonly credentials: CredentialsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async record(actor: Actor, attempt: FailedAttempt): Promise<FailureOutcome | undefined> {
    const { loginMaxFailures, loginLockoutSeconds } = this.config.auth;
    return this.tx.run(async () => {
      const outcome =
        attempt.userId && attempt.counted
          ? await this.credentials.recordFailure(attempt.userId, this.clock.now(), { maxFailures: loginMaxFailures, lockoutSeconds: loginLockoutSeconds })
          : undefined;
      const target = attempt.userId ? { type: 'user', id: attempt.userId } : undefined;
      await this.audit.record(actor, {
        action: attempt.action,
        target,
        outcome: 'failure',
        details: { ...attempt.details, reason: attempt.reason, ...(outcome ? { failedAttempts: outcome.failedLoginCount } : {}) },
      });
      // Exactly at the threshold: this failure is the one that locked the account.
      if (outcome?.lockedUntil && outcome.failedLoginCount === loginMaxFailures) {
        await this.audit.record(actor, {
          action: AuditAction.AuthLoginLockedOut,
          target,
          outcome: 'failure',
          details: { failedAttempts: outcome.failedLoginCount, lockedUntil: outcome.lockedUntil.toISOString() },
        });
      }
      return outcome;
    });
  }
}
