import { Inject, Injectable } from '@nestjs/common';
import { escapeLike, TransactionContext } from '@enclave/database';
import { sql } from '../database/sql.js';
import { toUserRecord, type UserRow } from '../users/users.repository.js';
import type { UserListFilter } from '../admin-access/admin-authorizer.js';
import type { AccountPatch, AdminUserFilter, AdminUserRecord, GroupRef, ReactivationSource } from './admin-user.record.js';

interface AdminUserRow extends UserRow {
  last_active_at: Date | null;
  deactivated_at: Date | null;
  deactivated_by_admin: boolean;
  erased_at: Date | null;
  groups: GroupRef[] | null;
}

/** Roles, MFA state and groups in the same statement: the console shows them on every row. */
const SELECT_ADMIN_USER = `
  SELECT u.*,
         (SELECT array_agg(r.role ORDER BY r.role) FROM user_system_role r WHERE r.user_id = u.id) AS roles,
         EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL) AS mfa_enabled,
         (SELECT json_agg(json_build_object('id', g.id, 'name', g.name) ORDER BY lower(g.name))
            FROM user_group_member m JOIN user_group g ON g.id = m.group_id WHERE m.user_id = u.id) AS groups
    FROM app_user u`;

const PATCH_COLUMNS: Record<keyof AccountPatch, string> = {
  username: 'username',
  displayName: 'display_name',
  email: 'email',
  locale: 'locale',
  timeZone: 'time_zone',
  guestExpiresAt: 'guest_expires_at',
};

/**
 * The administrative side of the user aggregate (app_user and what hangs off it): search and
 * lifecycle. Sign-in and self-service stay in UsersRepository. Joins the ambient transaction.
 */
@Injectable()
export class AdminUsersRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async findById(id: string, options: { lock?: boolean } = {}): Promise<AdminUserRecord | undefined> {
    if (options.lock) await sql(this.tx, `SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE`, [id]);
    const rows: AdminUserRow[] = await sql(this.tx, `${SELECT_ADMIN_USER} WHERE u.id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async findByUsername(username: string): Promise<AdminUserRecord | undefined> {
    const rows: AdminUserRow[] = await sql(this.tx, `${SELECT_ADMIN_USER} WHERE lower(u.username) = lower($1)`, [username]);
    return rows[0] && toRecord(rows[0]);
  }

  async findByUsernames(usernames: readonly string[]): Promise<AdminUserRecord[]> {
    if (usernames.length === 0) return [];
    const rows: AdminUserRow[] = await sql(this.tx, `${SELECT_ADMIN_USER} WHERE lower(u.username) = ANY($1::text[])`, [usernames.map((u) => u.toLowerCase())]);
    return rows.map(toRecord);
  }

  /**
   * One page in username order, keyset-paginated on the unique lower(username) index (never
   * OFFSET). `visible` is the actor's ability as SQL over alias `u` (authz's toSqlWhere), its
   * parameters numbered after ours.
   */
  async list(filter: AdminUserFilter, limit: number, visible?: UserListFilter): Promise<AdminUserRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.q) {
      const pattern = param(`%${escapeLike(filter.q)}%`);
      where.push(`(lower(u.username) LIKE ${pattern} ESCAPE '\\' OR lower(u.display_name) LIKE ${pattern} ESCAPE '\\' OR lower(u.email) LIKE ${pattern} ESCAPE '\\')`);
    }
    if (filter.status === 'active') where.push(`u.status = 'active'`);
    if (filter.status === 'deactivated') where.push(`u.status = 'deactivated' AND u.erased_at IS NULL`);
    if (filter.status === 'erased') where.push(`u.erased_at IS NOT NULL`);
    if (filter.role) {
      // Held directly or through a group (or its parent group), as authz's grants see it.
      const role = param(filter.role);
      where.push(`(EXISTS (SELECT 1 FROM user_system_role r WHERE r.user_id = u.id AND r.role = ${role})
        OR EXISTS (SELECT 1 FROM user_group_member gm JOIN user_group g ON g.id = gm.group_id
                   JOIN authz_group_role gr ON gr.group_id = g.id OR gr.group_id = g.parent_id
                   WHERE gm.user_id = u.id AND gr.role = ${role}))`);
    }
    if (filter.groupId) where.push(`EXISTS (SELECT 1 FROM user_group_member m WHERE m.user_id = u.id AND m.group_id = ${param(filter.groupId)}::uuid)`);
    if (filter.lastActiveBefore) where.push(`u.last_active_at < ${param(filter.lastActiveBefore)}`);
    if (filter.lastActiveAfter) where.push(`u.last_active_at > ${param(filter.lastActiveAfter)}`);
    if (filter.afterUsername !== undefined) where.push(`lower(u.username) > ${param(filter.afterUsername)}`);
    if (visible) {
      const condition = visible(params.length + 1);
      where.push(`(${condition.sql})`);
      params.push(...condition.values);
    }
    const rows: AdminUserRow[] = await sql(
      this.tx,
      `${SELECT_ADMIN_USER} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY lower(u.username) LIMIT ${param(limit)}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** Which of `ids` exist, and whether each was erased (erased accounts cannot join anything). */
  async states(ids: readonly string[]): Promise<Map<string, { erased: boolean; active: boolean }>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; erased: boolean; active: boolean }> = await sql(
      this.tx,
      `SELECT id, erased_at IS NOT NULL AS erased, status = 'active' AS active FROM app_user WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { erased: r.erased, active: r.active }]));
  }

  /** Whether anyone but `userId` can still administer the system (an active direct system_admin). */
  async anotherActiveSystemAdmin(userId: string): Promise<boolean> {
    const rows: unknown[] = await sql(
      this.tx,
      `SELECT 1 FROM user_system_role r JOIN app_user u ON u.id = r.user_id
        WHERE r.role = 'system_admin' AND u.status = 'active' AND u.id <> $1 LIMIT 1`,
      [userId],
    );
    return rows.length > 0;
  }

  /** A taken username surfaces as a unique violation (the lower(username) index decides). */
  async updateAccount(id: string, patch: AccountPatch, now: Date): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [id, now];
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as Array<[keyof AccountPatch, string]>) {
      if (patch[key] === undefined) continue;
      values.push(patch[key]);
      sets.push(`${column} = $${values.length}`);
    }
    if (sets.length === 0) return;
    await sql(this.tx, `UPDATE app_user SET ${sets.join(', ')}, updated_at = $2 WHERE id = $1`, values);
  }

  async isUsernameTaken(username: string, exceptId?: string): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, `SELECT 1 FROM app_user WHERE lower(username) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`, [
      username,
      exceptId ?? null,
    ]);
    return rows.length > 0;
  }

  /** True if this call deactivated the account (false: already deactivated). */
  async deactivate(id: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await sql(
      this.tx,
      `UPDATE app_user SET status = 'deactivated', deactivated_at = $2, deactivated_by_admin = true, updated_at = $2
        WHERE id = $1 AND status = 'active' RETURNING id`,
      [id, now],
    );
    return rows.length === 1;
  }

  /**
   * Re-enables a deactivated, not erased account. Sync paths (SCIM/LDAP) pass `sync`: they
   * cannot undo an administrator's deactivation, only their own (the CHECK on app_user backs it).
   */
  async reactivate(id: string, source: ReactivationSource, now: Date): Promise<boolean> {
    const rows: unknown[] = await sql(
      this.tx,
      `UPDATE app_user SET status = 'active', deactivated_at = NULL, deactivated_by_admin = false, updated_at = $2
        WHERE id = $1 AND status = 'deactivated' AND erased_at IS NULL AND ($3 = 'admin' OR NOT deactivated_by_admin)
    RETURNING id`,
      [id, now, source],
    );
    return rows.length === 1;
  }

  /** Replaces every identifying profile field; the row (and so the messages' sender) stays. */
  async pseudonymise(id: string, pseudonym: string, now: Date): Promise<void> {
    await sql(
      this.tx,
      `UPDATE app_user
          SET username = $2, display_name = $2, email = NULL, locale = 'en', time_zone = 'UTC',
              status = 'deactivated', deactivated_at = COALESCE(deactivated_at, $3), deactivated_by_admin = true,
              erased_at = $3, guest_expires_at = NULL, must_change_password = false, last_active_at = NULL, updated_at = $3
        WHERE id = $1`,
      [id, pseudonym, now],
    );
  }

  /** Sign-in material, factors, roles and group memberships of an erased account. */
  async deleteAccessOf(id: string): Promise<void> {
    await sql(this.tx, `DELETE FROM user_credential WHERE user_id = $1`, [id]);
    await sql(this.tx, `DELETE FROM mfa_recovery_code WHERE user_id = $1`, [id]);
    await sql(this.tx, `DELETE FROM user_totp WHERE user_id = $1`, [id]);
    await sql(this.tx, `DELETE FROM user_system_role WHERE user_id = $1`, [id]);
  }

  async setMustChangePassword(id: string, value: boolean, now: Date): Promise<void> {
    await sql(this.tx, `UPDATE app_user SET must_change_password = $2, updated_at = $3 WHERE id = $1`, [id, value, now]);
  }
}

function toRecord(row: AdminUserRow): AdminUserRecord {
  return {
    ...toUserRecord(row),
    lastActiveAt: row.last_active_at,
    deactivatedAt: row.deactivated_at,
    deactivatedByAdmin: row.deactivated_by_admin,
    erasedAt: row.erased_at,
    groups: row.groups ?? [],
  };
}
