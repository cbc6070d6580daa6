import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '@enclave/database';
import { sql } from '../database/sql.js';

export interface CredentialRecord {
  readonly userId: string;
  readonly passwordHash: string;
  readonly failedLoginCount: number;
  readonly lockedUntil: Date | null;
}

export interface FailureOutcome {
  readonly failedLoginCount: number;
  /** Set when this failure locked the account (or it was already locked). */
  readonly lockedUntil: Date | null;
}

export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockoutSeconds: number;
}

/**
 * Local password credentials and the per-account failure counter. Counter changes are
 * single UPDATE ... RETURNING statements: concurrent failures serialise on the row lock
 * and each sees the previous one's count, so N parallel wrong guesses count as N.
 * Times come from the injected Clock (passed in), not now(), so tests can move time.
 */
@Injectable()
export class CredentialsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async findByUserId(userId: string): Promise<CredentialRecord | undefined> {
    const rows: Array<{ user_id: string; password_hash: string; failed_login_count: number; locked_until: Date | null }> =
      await sql(this.tx, `SELECT user_id, password_hash, failed_login_count, locked_until FROM user_credential WHERE user_id = $1`, [userId]);
    const row = rows[0];
    return row && { userId: row.user_id, passwordHash: row.password_hash, failedLoginCount: row.failed_login_count, lockedUntil: row.locked_until };
  }

  async insert(userId: string, passwordHash: string, now: Date): Promise<void> {
    await sql(this.tx, 
      `INSERT INTO user_credential (user_id, password_hash, password_changed_at) VALUES ($1, $2, $3)`,
      [userId, passwordHash, now],
    );
  }

  async replacePasswordHash(userId: string, passwordHash: string, now: Date, passwordChanged: boolean): Promise<void> {
    await sql(this.tx, 
      `UPDATE user_credential
          SET password_hash = $2,
              password_changed_at = CASE WHEN $4 THEN $3 ELSE password_changed_at END
        WHERE user_id = $1`,
      [userId, passwordHash, now, passwordChanged],
    );
  }

  /**
   * Counts one failure. An expired lock starts a fresh count; reaching `maxFailures`
   * locks until now + lockoutSeconds. Failures during a lock do not extend it, so the
   * victim of a guessing attack gets back in when the period ends, not when the attacker stops.
   */
  async recordFailure(userId: string, now: Date, policy: LockoutPolicy): Promise<FailureOutcome | undefined> {
    const rows: Array<{ failed_login_count: number; locked_until: Date | null }> = await sql(this.tx, 
      `WITH next AS (
         SELECT user_id,
                CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_login_count + 1 END AS count,
                CASE WHEN locked_until IS NOT NULL AND locked_until > $2 THEN locked_until END AS current_lock
           FROM user_credential WHERE user_id = $1 FOR UPDATE
       )
       UPDATE user_credential c
          SET failed_login_count = next.count,
              locked_until = COALESCE(next.current_lock,
                                      CASE WHEN next.count >= $3 THEN $2::timestamptz + make_interval(secs => $4) END)
         FROM next
        WHERE c.user_id = next.user_id
    RETURNING c.failed_login_count, c.locked_until`,
      [userId, now, policy.maxFailures, policy.lockoutSeconds],
    );
    const row = rows[0];
    return row && { failedLoginCount: row.failed_login_count, lockedUntil: row.locked_until };
  }

  /**
   * Resets the counter after a correct password, unless a concurrent failure locked the
   * account in the meantime: returns false then, and the login must be refused.
   */
  async recordSuccess(userId: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, 
      `UPDATE user_credential SET failed_login_count = 0, locked_until = NULL
        WHERE user_id = $1 AND (locked_until IS NULL OR locked_until <= $2)
    RETURNING user_id`,
      [userId, now],
    );
    return rows.length === 1;
  }
}
