import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '@enclave/database';
import { sql } from '../database/sql.js';
import type { NewSession, SessionAuthState, SessionRecord, StoredRefreshToken } from './session.record.js';

interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  user_agent: string | null;
  ip: string | null;
  mfa: boolean;
}

/**
 * Rotated refresh tokens are kept (hash only) so that presenting one again is recognised as
 * reuse. A bounded tail per session is enough: clients refresh every few minutes, a stolen
 * token is replayed soon, and an unbounded history would grow by ~100 rows a day per session.
 */
const ROTATED_TOKENS_KEPT = 20;

/** The session aggregate: user_session and its refresh tokens. Joins the ambient transaction. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async create(session: NewSession, refresh: { id: string; hash: Buffer }, now: Date): Promise<void> {
    await sql(this.tx, 
      `INSERT INTO user_session (id, user_id, created_at, last_used_at, expires_at, user_agent, ip, mfa)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $7)`,
      [session.id, session.userId, now, session.expiresAt, session.userAgent ?? null, session.ip ?? null, session.mfa],
    );
    await this.insertRefreshToken(session.id, refresh, now);
  }

  async findAuthState(sessionId: string, now: Date): Promise<SessionAuthState | undefined> {
    const rows: Array<{
      user_id: string;
      revoked_at: Date | null;
      expires_at: Date;
      last_used_at: Date;
      status: string;
      guest_expires_at: Date | null;
      must_change_password: boolean;
    }> = await sql(this.tx,
      `SELECT s.user_id, s.revoked_at, s.expires_at, s.last_used_at, u.status, u.guest_expires_at, u.must_change_password
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1`,
      [sessionId],
    );
    const row = rows[0];
    return (
      row && {
        userId: row.user_id,
        revokedAt: row.revoked_at,
        expiresAt: row.expires_at,
        lastUsedAt: row.last_used_at,
        userActive: row.status === 'active' && (row.guest_expires_at === null || row.guest_expires_at.getTime() > now.getTime()),
        passwordChangeRequired: row.must_change_password,
      }
    );
  }

  async findById(sessionId: string): Promise<SessionRecord | undefined> {
    const rows: SessionRow[] = await sql(this.tx, `SELECT * FROM user_session WHERE id = $1`, [sessionId]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Locks the token row: two refreshes racing with one token serialise, the second sees it rotated. */
  async findRefreshTokenForUpdate(tokenId: string): Promise<StoredRefreshToken | undefined> {
    const rows: Array<SessionRow & { token_id: string; token_hash: Buffer; rotated_at: Date | null }> = await sql(this.tx, 
      `SELECT t.id AS token_id, t.token_hash, t.rotated_at, s.*
         FROM refresh_token t JOIN user_session s ON s.id = t.session_id
        WHERE t.id = $1
          FOR UPDATE OF t`,
      [tokenId],
    );
    const row = rows[0];
    return row && { id: row.token_id, sessionId: row.id, tokenHash: row.token_hash, rotatedAt: row.rotated_at, session: toRecord(row) };
  }

  /** Marks `oldTokenId` rotated, stores its successor and slides the idle expiry. */
  async rotate(oldTokenId: string, sessionId: string, next: { id: string; hash: Buffer }, now: Date, expiresAt: Date): Promise<void> {
    await sql(this.tx, `UPDATE refresh_token SET rotated_at = $2 WHERE id = $1`, [oldTokenId, now]);
    await this.insertRefreshToken(sessionId, next, now);
    await sql(this.tx, `UPDATE user_session SET last_used_at = $2, expires_at = $3 WHERE id = $1`, [sessionId, now, expiresAt]);
    await sql(this.tx, 
      `DELETE FROM refresh_token WHERE session_id = $1 AND id NOT IN (
         SELECT id FROM refresh_token WHERE session_id = $1 ORDER BY created_at DESC LIMIT $2)`,
      [sessionId, ROTATED_TOKENS_KEPT + 1],
    );
  }

  /** True if this call revoked it (false: unknown, someone else's, or already revoked). */
  async revoke(sessionId: string, userId: string, reason: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, 
      `UPDATE user_session SET revoked_at = $3, revoked_reason = $4
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL
    RETURNING id`,
      [sessionId, userId, now, reason],
    );
    return rows.length === 1;
  }

  /** Revokes every live session of the user except `keepSessionId`; returns the ids revoked. */
  async revokeAllForUser(userId: string, keepSessionId: string | undefined, reason: string, now: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await sql(this.tx, 
      `UPDATE user_session SET revoked_at = $3, revoked_reason = $4
        WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)
    RETURNING id`,
      [userId, keepSessionId ?? null, now, reason],
    );
    return rows.map((r) => r.id);
  }

  /** Sessions the user can still use, newest first. */
  async listActiveForUser(userId: string, now: Date): Promise<SessionRecord[]> {
    const rows: SessionRow[] = await sql(this.tx, 
      `SELECT * FROM user_session
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
        ORDER BY last_used_at DESC, created_at DESC
        LIMIT 500`,
      [userId, now],
    );
    return rows.map(toRecord);
  }

  /** Records activity; conditional so it writes at most once per `minIntervalSeconds`. */
  async touch(sessionId: string, now: Date, minIntervalSeconds: number): Promise<void> {
    await sql(this.tx, 
      `UPDATE user_session SET last_used_at = $2
        WHERE id = $1 AND last_used_at < $2::timestamptz - make_interval(secs => $3)`,
      [sessionId, now, minIntervalSeconds],
    );
  }

  private async insertRefreshToken(sessionId: string, token: { id: string; hash: Buffer }, now: Date): Promise<void> {
    await sql(this.tx, `INSERT INTO refresh_token (id, session_id, token_hash, created_at) VALUES ($1, $2, $3, $4)`, [
      token.id,
      sessionId,
      token.hash,
      now,
    ]);
  }
}

function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    userAgent: row.user_agent,
    ip: row.ip,
    mfa: row.mfa,
  };
}
