import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '@enclave/database';
import { sql } from '../database/sql.js';
import type { GroupMemberRecord, GroupRecord, NewGroup } from './group.record.js';

interface GroupRow {
  id: string;
  name: string;
  display_name: string;
  parent_id: string | null;
  member_count: number;
  channel_ids: string[] | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT_GROUP = `
  SELECT g.*,
         (SELECT count(*)::int FROM user_group_member m WHERE m.group_id = g.id) AS member_count,
         (SELECT array_agg(cg.conversation_id ORDER BY cg.conversation_id) FROM conversation_group cg WHERE cg.group_id = g.id) AS channel_ids
    FROM user_group g`;

/** The group aggregate: user_group and its direct members. Joins the ambient transaction. */
@Injectable()
export class GroupsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  /** False when the name is taken, case-insensitively (the unique index decides). */
  async insert(group: NewGroup, now: Date): Promise<boolean> {
    const rows: unknown[] = await sql(
      this.tx,
      `INSERT INTO user_group (id, name, display_name, parent_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT ((lower(name))) DO NOTHING RETURNING id`,
      [group.id, group.name, group.displayName, group.parentId, now],
    );
    return rows.length === 1;
  }

  /** `lock`: FOR UPDATE, serialising structural changes (renames, channel links) of one group. */
  async findById(id: string, options: { lock?: boolean } = {}): Promise<GroupRecord | undefined> {
    if (options.lock) await sql(this.tx, `SELECT 1 FROM user_group WHERE id = $1 FOR UPDATE`, [id]);
    const rows: GroupRow[] = await sql(this.tx, `${SELECT_GROUP} WHERE g.id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Deletes the group; its members, role grants and channel links go with it (ON DELETE CASCADE). */
  async delete(id: string): Promise<void> {
    await sql(this.tx, `DELETE FROM user_group WHERE id = $1`, [id]);
  }

  /** Groups by lower-case name (CSV imports name groups). */
  async idsByName(names: readonly string[]): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await sql(this.tx, `SELECT id, lower(name) AS name FROM user_group WHERE lower(name) = ANY($1::text[])`, [
      names.map((n) => n.toLowerCase()),
    ]);
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: string }> = await sql(this.tx, `SELECT id FROM user_group WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  async hasChildren(id: string): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, `SELECT 1 FROM user_group WHERE parent_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  /** Keyset page in name order (the unique lower(name) index). */
  async list(afterName: string | undefined, limit: number): Promise<GroupRecord[]> {
    const rows: GroupRow[] = await sql(this.tx, `${SELECT_GROUP} WHERE ($1::text IS NULL OR lower(g.name) > $1) ORDER BY lower(g.name) LIMIT $2`, [
      afterName ?? null,
      limit,
    ]);
    return rows.map(toRecord);
  }

  /** A taken name surfaces as a unique violation of user_group_name_key. */
  async rename(id: string, patch: { name?: string; displayName?: string }, now: Date): Promise<void> {
    await sql(this.tx, `UPDATE user_group SET name = COALESCE($2, name), display_name = COALESCE($3, display_name), updated_at = $4 WHERE id = $1`, [
      id,
      patch.name ?? null,
      patch.displayName ?? null,
      now,
    ]);
  }

  /** Adds direct members, skipping existing ones; returns the ids actually added. */
  async addMembers(groupId: string, userIds: readonly string[], now: Date): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: Array<{ user_id: string }> = await sql(
      this.tx,
      `INSERT INTO user_group_member (group_id, user_id, added_at)
       SELECT $1, u, $3 FROM unnest($2::uuid[]) AS u ORDER BY u
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [groupId, userIds, now],
    );
    return rows.map((r) => r.user_id);
  }

  async removeMember(groupId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, `DELETE FROM user_group_member WHERE group_id = $1 AND user_id = $2 RETURNING user_id`, [groupId, userId]);
    return rows.length === 1;
  }

  /** Every group membership of a user (erasure); returns the group ids left. */
  async removeUserFromAll(userId: string): Promise<string[]> {
    const rows: Array<{ group_id: string }> = await sql(this.tx, `DELETE FROM user_group_member WHERE user_id = $1 RETURNING group_id`, [userId]);
    return rows.map((r) => r.group_id);
  }

  async groupIdsOf(userId: string): Promise<string[]> {
    const rows: Array<{ group_id: string }> = await sql(this.tx, `SELECT group_id FROM user_group_member WHERE user_id = $1 ORDER BY group_id`, [userId]);
    return rows.map((r) => r.group_id);
  }

  /** Direct members in user-id order (keyset). */
  async listMembers(groupId: string, afterUserId: string | undefined, limit: number): Promise<GroupMemberRecord[]> {
    const rows: Array<{ user_id: string; username: string; display_name: string; added_at: Date }> = await sql(
      this.tx,
      `SELECT m.user_id, u.username, u.display_name, m.added_at
         FROM user_group_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.group_id = $1 AND ($2::uuid IS NULL OR m.user_id > $2::uuid)
        ORDER BY m.user_id LIMIT $3`,
      [groupId, afterUserId ?? null, limit],
    );
    return rows.map((r) => ({ userId: r.user_id, username: r.username, displayName: r.display_name, addedAt: r.added_at }));
  }

  /** Members of the group and of its child groups: who a channel linked to it should hold. */
  async effectiveMemberIds(groupId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await sql(
      this.tx,
      `SELECT DISTINCT m.user_id FROM user_group_member m
        WHERE m.group_id = $1 OR m.group_id IN (SELECT id FROM user_group WHERE parent_id = $1)
        ORDER BY m.user_id`,
      [groupId],
    );
    return rows.map((r) => r.user_id);
  }
}

function toRecord(row: GroupRow): GroupRecord {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    parentId: row.parent_id,
    memberCount: row.member_count,
    channelIds: row.channel_ids ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
