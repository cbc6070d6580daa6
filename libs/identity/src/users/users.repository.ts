import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '@enclave/database';
import { sql } from '../database/sql.js';
import type { NewUser, ProfilePatch, UserRecord, UserStatus } from './user.record.js';

export interface UserRow {
  id: string;
  username: string;
  email: string | null;
  display_name: string;
  locale: string;
  time_zone: string;
  status: UserStatus;
  roles: string[] | null;
  mfa_enabled: boolean;
  must_change_password: boolean;
  guest_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Roles and MFA state ride along in the same query: every caller that loads a user shows them. */
const SELECT_USER = `
  SELECT u.*,
         (SELECT array_agg(r.role ORDER BY r.role) FROM user_system_role r WHERE r.user_id = u.id) AS roles,
         EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL) AS mfa_enabled
    FROM app_user u`;

const PROFILE_COLUMNS: Record<keyof ProfilePatch, string> = {
  email: 'email',
  displayName: 'display_name',
  locale: 'locale',
  timeZone: 'time_zone',
};

/** The user aggregate: app_user and its system roles. Joins the ambient transaction. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async findById(id: string): Promise<UserRecord | undefined> {
    const rows: UserRow[] = await sql(this.tx, `${SELECT_USER} WHERE u.id = $1`, [id]);
    return rows[0] && toUserRecord(rows[0]);
  }

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const rows: UserRow[] = await sql(this.tx, `${SELECT_USER} WHERE lower(u.username) = lower($1)`, [username]);
    return rows[0] && toUserRecord(rows[0]);
  }

  /** False when the username is taken (the unique index decides, so racing inserts are safe). */
  async insert(user: NewUser, now: Date): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, 
      `INSERT INTO app_user (id, username, email, display_name, locale, time_zone, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $7)
       ON CONFLICT ((lower(username))) DO NOTHING
       RETURNING id`,
      [user.id, user.username, user.email, user.displayName, user.locale, user.timeZone, now],
    );
    return rows.length === 1;
  }

  async updateProfile(id: string, patch: ProfilePatch, now: Date): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [id, now];
    for (const [key, column] of Object.entries(PROFILE_COLUMNS) as Array<[keyof ProfilePatch, string]>) {
      if (patch[key] === undefined) continue;
      values.push(patch[key]);
      sets.push(`${column} = $${values.length}`);
    }
    if (sets.length === 0) return;
    await sql(this.tx, `UPDATE app_user SET ${sets.join(', ')}, updated_at = $2 WHERE id = $1`, values);
  }

  /** Set by an administrator's password reset, cleared when the user chooses a new password. */
  async setMustChangePassword(id: string, value: boolean): Promise<void> {
    await sql(this.tx, `UPDATE app_user SET must_change_password = $2 WHERE id = $1 AND must_change_password <> $2`, [id, value]);
  }

  async grantSystemRole(userId: string, role: string, now: Date): Promise<void> {
    await sql(this.tx, 
      `INSERT INTO user_system_role (user_id, role, granted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [userId, role, now],
    );
  }

  async hasSystemRole(userId: string, role: string): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, 
      `SELECT 1 FROM user_system_role r JOIN app_user u ON u.id = r.user_id
        WHERE r.user_id = $1 AND r.role = $2 AND u.status = 'active'`,
      [userId, role],
    );
    return rows.length > 0;
  }

  async anyUserExists(): Promise<boolean> {
    const rows: Array<{ exists: boolean }> = await sql(this.tx, `SELECT EXISTS (SELECT 1 FROM app_user) AS exists`);
    return rows[0]?.exists === true;
  }

  /**
   * Serialises first-start bootstrapping across nodes for the rest of the current
   * transaction (nodes starting together against one empty database).
   */
  async lockForBootstrap(): Promise<void> {
    await sql(this.tx, `SELECT pg_advisory_xact_lock(hashtext('enclave.identity.bootstrap-admin'))`);
  }
}

/** Row → record; AdminUsersRepository builds its richer record on top of this. */
export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    timeZone: row.time_zone,
    status: row.status,
    roles: row.roles ?? [],
    mfaEnabled: row.mfa_enabled,
    mustChangePassword: row.must_change_password,
    guestExpiresAt: row.guest_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
