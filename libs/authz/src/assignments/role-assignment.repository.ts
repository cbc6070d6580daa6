import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext, queryRows } from '@enclave/database';

/**
 * Role grants: to users (identity's user_system_role, which names every role a user holds)
 * and to groups (authz_group_role). Joins the ambient transaction.
 */
@Injectable()
export class RoleAssignmentRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  /** Existing users among `ids`, locked (FOR NO KEY UPDATE) so concurrent grants to one user serialise. */
  async lockUsers(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows<{ id: string }>(this.tx.manager(), `SELECT id FROM app_user WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  async lockGroups(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows<{ id: string }>(this.tx.manager(), `SELECT id FROM user_group WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Each user's directly held roles, sorted. */
  async userRoles(userIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return result;
    const rows = await queryRows<{ user_id: string; role: string }>(
      this.tx.manager(),
      `SELECT user_id, role FROM user_system_role WHERE user_id = ANY($1::uuid[]) ORDER BY user_id, role`,
      [userIds],
    );
    for (const row of rows) result.get(row.user_id)?.push(row.role);
    return result;
  }

  async groupRoles(groupIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(groupIds.map((id) => [id, []]));
    if (groupIds.length === 0) return result;
    const rows = await queryRows<{ group_id: string; role: string }>(
      this.tx.manager(),
      `SELECT group_id, role FROM authz_group_role WHERE group_id = ANY($1::uuid[]) ORDER BY group_id, role`,
      [groupIds],
    );
    for (const row of rows) result.get(row.group_id)?.push(row.role);
    return result;
  }

  async grantToUsers(grants: ReadonlyArray<{ userId: string; role: string }>, now: Date): Promise<void> {
    if (grants.length === 0) return;
    await this.tx.manager().query(
      `INSERT INTO user_system_role (user_id, role, granted_at)
       SELECT u, r, $3 FROM unnest($1::uuid[], $2::text[]) AS g(u, r) ON CONFLICT DO NOTHING`,
      [grants.map((g) => g.userId), grants.map((g) => g.role), now],
    );
  }

  async revokeFromUsers(grants: ReadonlyArray<{ userId: string; role: string }>): Promise<void> {
    if (grants.length === 0) return;
    await this.tx.manager().query(
      `DELETE FROM user_system_role r USING unnest($1::uuid[], $2::text[]) AS g(u, role) WHERE r.user_id = g.u AND r.role = g.role`,
      [grants.map((g) => g.userId), grants.map((g) => g.role)],
    );
  }

  async grantToGroups(grants: ReadonlyArray<{ groupId: string; role: string }>, now: Date): Promise<void> {
    if (grants.length === 0) return;
    await this.tx.manager().query(
      `INSERT INTO authz_group_role (group_id, role, granted_at)
       SELECT gid, r, $3 FROM unnest($1::uuid[], $2::text[]) AS g(gid, r) ON CONFLICT DO NOTHING`,
      [grants.map((g) => g.groupId), grants.map((g) => g.role), now],
    );
  }

  async revokeFromGroups(grants: ReadonlyArray<{ groupId: string; role: string }>): Promise<void> {
    if (grants.length === 0) return;
    await this.tx.manager().query(
      `DELETE FROM authz_group_role r USING unnest($1::uuid[], $2::text[]) AS g(gid, role) WHERE r.group_id = g.gid AND r.role = g.role`,
      [grants.map((g) => g.groupId), grants.map((g) => g.role)],
    );
  }

  /** Users holding a role through these groups: direct members and members of their child groups. */
  async membersOfGroups(groupIds: readonly string[], limit: number): Promise<string[]> {
    if (groupIds.length === 0) return [];
    const rows = await queryRows<{ user_id: string }>(
      this.tx.manager(),
      `SELECT DISTINCT gm.user_id FROM user_group_member gm JOIN user_group g ON g.id = gm.group_id
        WHERE g.id = ANY($1::uuid[]) OR g.parent_id = ANY($1::uuid[]) LIMIT $2`,
      [groupIds, limit],
    );
    return rows.map((r) => r.user_id);
  }

  /** Active accounts holding system_admin directly or through a group: the last one must not lose it. */
  async activeSystemAdminCount(): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      this.tx.manager(),
      `SELECT count(*)::int AS n FROM app_user u
        WHERE u.status = 'active'
          AND (EXISTS (SELECT 1 FROM user_system_role r WHERE r.user_id = u.id AND r.role = 'system_admin')
               OR EXISTS (SELECT 1 FROM user_group_member gm JOIN user_group g ON g.id = gm.group_id
                            JOIN authz_group_role gr ON gr.group_id = g.id OR gr.group_id = g.parent_id
                           WHERE gm.user_id = u.id AND gr.role = 'system_admin'))`,
    );
    return rows[0]?.n ?? 0;
  }

  async holders(role: string, limit: number): Promise<{ userIds: string[]; groupIds: string[] }> {
    const users = await queryRows<{ user_id: string }>(this.tx.manager(), `SELECT user_id FROM user_system_role WHERE role = $1 ORDER BY user_id LIMIT $2`, [role, limit]);
    const groups = await queryRows<{ group_id: string }>(this.tx.manager(), `SELECT group_id FROM authz_group_role WHERE role = $1 ORDER BY group_id LIMIT $2`, [role, limit]);
    return { userIds: users.map((r) => r.user_id), groupIds: groups.map((r) => r.group_id) };
  }
}
