import { Inject, Injectable } from '@nestjs/common';
import { newId } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { sql } from '../database/sql.js';

export interface TotpRecord {
  readonly userId: string;
  readonly secretCiphertext: string;
  readonly enabledAt: Date | null;
  readonly lastUsedStep: number | null;
}

/** The MFA aggregate of a user: the TOTP enrolment and the recovery codes. */
@Injectable()
export class MfaRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async findTotp(userId: string): Promise<TotpRecord | undefined> {
    const rows: Array<{ user_id: string; secret_ciphertext: string; enabled_at: Date | null; last_used_step: string | null }> =
      await sql(this.tx, `SELECT user_id, secret_ciphertext, enabled_at, last_used_step FROM user_totp WHERE user_id = $1`, [userId]);
    const row = rows[0];
    return (
      row && {
        userId: row.user_id,
        secretCiphertext: row.secret_ciphertext,
        enabledAt: row.enabled_at,
        lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
      }
    );
  }

  /** Starts (or restarts) an enrolment; never touches an enabled one. False if MFA is already on. */
  async savePendingTotp(userId: string, secretCiphertext: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, 
      `INSERT INTO user_totp (user_id, secret_ciphertext, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET secret_ciphertext = EXCLUDED.secret_ciphertext, created_at = EXCLUDED.created_at,
                                           last_used_step = NULL
        WHERE user_totp.enabled_at IS NULL
    RETURNING user_id`,
      [userId, secretCiphertext, now],
    );
    return rows.length === 1;
  }

  async enableTotp(userId: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, 
      `UPDATE user_totp SET enabled_at = $2 WHERE user_id = $1 AND enabled_at IS NULL RETURNING user_id`,
      [userId, now],
    );
    return rows.length === 1;
  }

  /**
   * Raises the user's last-used time step. False if `step` is not newer: the code was
   * already used (replay), possibly by a concurrent request; the check and the write are
   * one statement so two requests with one code cannot both pass.
   */
  async advanceTotpStep(userId: string, step: number): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, 
      `UPDATE user_totp SET last_used_step = $2
        WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2)
    RETURNING user_id`,
      [userId, step],
    );
    return rows.length === 1;
  }

  async deleteAll(userId: string): Promise<boolean> {
    await sql(this.tx, `DELETE FROM mfa_recovery_code WHERE user_id = $1`, [userId]);
    const rows: unknown[] = await sql(this.tx, `DELETE FROM user_totp WHERE user_id = $1 RETURNING user_id`, [userId]);
    return rows.length === 1;
  }

  async replaceRecoveryCodes(userId: string, hashes: readonly Buffer[], now: Date): Promise<void> {
    await sql(this.tx, `DELETE FROM mfa_recovery_code WHERE user_id = $1`, [userId]);
    for (const hash of hashes) {
      await sql(this.tx, `INSERT INTO mfa_recovery_code (id, user_id, code_hash, created_at) VALUES ($1, $2, $3, $4)`, [
        newId(),
        userId,
        hash,
        now,
      ]);
    }
  }

  /** Single-use: the UPDATE both checks and consumes, so a code cannot be spent twice in parallel. */
  async consumeRecoveryCode(userId: string, hash: Buffer, now: Date): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, 
      `UPDATE mfa_recovery_code SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
      [userId, hash, now],
    );
    return rows.length === 1;
  }

  async countUnusedRecoveryCodes(userId: string): Promise<number> {
    const rows: Array<{ n: number }> = await sql(this.tx, 
      `SELECT count(*)::int AS n FROM mfa_recovery_code WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    return rows[0]?.n ?? 0;
  }
}
