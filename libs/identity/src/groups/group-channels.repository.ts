import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '@enclave/database';
import { sql } from '../database/sql.js';

export interface GrantKey {
  readonly conversationId: string;
  readonly groupId: string;
}

/**
 * Channels linked to groups (conversation_group) and the channel memberships those links
 * gave (conversation_group_grant). A membership with at least one grant exists because of
 * groups and goes when the last grant goes; one without grants is the member's own.
 */
@Injectable()
export class GroupChannelsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async link(groupId: string, conversationId: string, by: string | null, now: Date): Promise<boolean> {
    const rows: unknown[] = await sql(
      this.tx,
      `INSERT INTO conversation_group (group_id, conversation_id, added_at, added_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING group_id`,
      [groupId, conversationId, now, by],
    );
    return rows.length === 1;
  }

  async unlink(groupId: string, conversationId: string): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, `DELETE FROM conversation_group WHERE group_id = $1 AND conversation_id = $2 RETURNING group_id`, [groupId, conversationId]);
    return rows.length === 1;
  }

  /** A public or private channel that is not archived (what a group may be linked to). */
  async isLinkableChannel(conversationId: string): Promise<boolean> {
    const rows: unknown[] = await sql(
      this.tx,
      `SELECT 1 FROM conversation WHERE id = $1 AND kind IN ('public_channel', 'private_channel') AND archived_at IS NULL`,
      [conversationId],
    );
    return rows.length === 1;
  }

  /**
   * The (channel, group) pairs a user should hold grants for: links of the groups they are in
   * and of those groups' parents (a parent's channels include its child groups' members).
   * Archived channels are left alone.
   */
  async desiredGrantsOf(userId: string): Promise<GrantKey[]> {
    const rows: Array<{ conversation_id: string; group_id: string }> = await sql(
      this.tx,
      `WITH mine AS (
         SELECT m.group_id FROM user_group_member m WHERE m.user_id = $1
         UNION
         SELECT g.parent_id FROM user_group_member m JOIN user_group g ON g.id = m.group_id WHERE m.user_id = $1 AND g.parent_id IS NOT NULL
       )
       SELECT cg.conversation_id, cg.group_id
         FROM conversation_group cg JOIN mine ON mine.group_id = cg.group_id
         JOIN conversation c ON c.id = cg.conversation_id AND c.archived_at IS NULL
        ORDER BY cg.conversation_id, cg.group_id`,
      [userId],
    );
    return rows.map((r) => ({ conversationId: r.conversation_id, groupId: r.group_id }));
  }

  /** Linked, not archived channels of a group and of its parent (one statement: the hot path of imports). */
  async linkedChannelsWithParent(groupId: string): Promise<GrantKey[]> {
    const rows: Array<{ conversation_id: string; group_id: string }> = await sql(
      this.tx,
      `SELECT cg.conversation_id, cg.group_id FROM conversation_group cg JOIN conversation c ON c.id = cg.conversation_id AND c.archived_at IS NULL
        WHERE cg.group_id = $1 OR cg.group_id = (SELECT parent_id FROM user_group WHERE id = $1)
        ORDER BY cg.conversation_id, cg.group_id`,
      [groupId],
    );
    return rows.map((r) => ({ conversationId: r.conversation_id, groupId: r.group_id }));
  }

  async grantsOf(userId: string): Promise<GrantKey[]> {
    const rows: Array<{ conversation_id: string; group_id: string }> = await sql(
      this.tx,
      `SELECT conversation_id, group_id FROM conversation_group_grant WHERE user_id = $1 ORDER BY conversation_id, group_id`,
      [userId],
    );
    return rows.map((r) => ({ conversationId: r.conversation_id, groupId: r.group_id }));
  }

  /** Those of `userIds` holding any grant in the channel. */
  async usersWithGrants(conversationId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: Array<{ user_id: string }> = await sql(
      this.tx,
      `SELECT DISTINCT user_id FROM conversation_group_grant WHERE conversation_id = $1 AND user_id = ANY($2::uuid[])`,
      [conversationId, userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async insertGrants(conversationId: string, groupId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await sql(
      this.tx,
      `INSERT INTO conversation_group_grant (conversation_id, user_id, group_id)
       SELECT $1, u, $3 FROM unnest($2::uuid[]) AS u ORDER BY u ON CONFLICT DO NOTHING`,
      [conversationId, userIds, groupId],
    );
  }

  async deleteGrant(conversationId: string, userId: string, groupId: string): Promise<void> {
    await sql(this.tx, `DELETE FROM conversation_group_grant WHERE conversation_id = $1 AND user_id = $2 AND group_id = $3`, [conversationId, userId, groupId]);
  }

  /** Drops the grants one group gave in one channel; returns whose they were. */
  async deleteGroupGrants(conversationId: string, groupId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await sql(
      this.tx,
      `DELETE FROM conversation_group_grant WHERE conversation_id = $1 AND group_id = $2 RETURNING user_id`,
      [conversationId, groupId],
    );
    return rows.map((r) => r.user_id);
  }
}
