import { Inject, Injectable } from '@nestjs/common';
import type { MemberRole, NotifyLevel } from '@enclave/contracts';
import { TransactionContext, queryRows } from '@enclave/database';
import type { MembershipRecord } from './conversation.record.js';
import { MEMBER_COLUMNS, toMembershipRecord, type MemberColumns } from './conversation-rows.js';

export interface NewMember {
  readonly userId: string;
  readonly role: MemberRole;
  /** The seq from which this member sees the conversation's events (sync); also its read mark. */
  readonly joinedSeq: number;
}

export interface MemberListItem {
  readonly userId: string;
  readonly role: MemberRole;
  readonly joinedAt: Date;
}

export interface ReceiptRecord {
  readonly userId: string;
  readonly lastReadSeq: number;
  readonly lastReadAt: Date | null;
}

/** Conversation membership: roles, preferences and read marks (per user, never per device). */
@Injectable()
export class MembersRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async find(conversationId: string, userId: string, options: { lock?: boolean } = {}): Promise<MembershipRecord | undefined> {
    const rows = await queryRows<MemberColumns>(
      this.tx.manager(),
      `SELECT ${MEMBER_COLUMNS} FROM conversation_member m WHERE m.conversation_id = $1 AND m.user_id = $2 ${options.lock ? 'FOR NO KEY UPDATE' : ''}`,
      [conversationId, userId],
    );
    return rows[0] && toMembershipRecord(rows[0]);
  }

  /** The memberships of several users in one conversation, by user id (absent: not a member). */
  async findMany(conversationId: string, userIds: readonly string[]): Promise<Map<string, MembershipRecord>> {
    const rows = await queryRows<MemberColumns>(
      this.tx.manager(),
      `SELECT ${MEMBER_COLUMNS} FROM conversation_member m WHERE m.conversation_id = $1 AND m.user_id = ANY($2::uuid[])`,
      [conversationId, userIds],
    );
    const found = new Map<string, MembershipRecord>();
    for (const row of rows) {
      const record = toMembershipRecord(row);
      if (record) found.set(record.userId, record);
    }
    return found;
  }

  /** Adds members, skipping existing ones; returns the ids actually added. */
  async insertMany(conversationId: string, members: readonly NewMember[], now: Date): Promise<string[]> {
    if (members.length === 0) return [];
    const rows = await queryRows<{ user_id: string }>(
      this.tx.manager(),
      `INSERT INTO conversation_member (conversation_id, user_id, role, last_read_seq, joined_seq, joined_at)
       SELECT $1, t.user_id, t.role, t.joined_seq, t.joined_seq, $5
         FROM unnest($2::uuid[], $3::text[], $4::bigint[]) AS t(user_id, role, joined_seq)
        ORDER BY t.user_id
       ON CONFLICT DO NOTHING
       RETURNING user_id`,
      [conversationId, members.map((m) => m.userId), members.map((m) => m.role), members.map((m) => m.joinedSeq), now],
    );
    return rows.map((r) => r.user_id);
  }

  async existingMemberIds(conversationId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await queryRows<{ user_id: string }>(
      this.tx.manager(),
      `SELECT user_id FROM conversation_member WHERE conversation_id = $1 AND user_id = ANY($2::uuid[])`,
      [conversationId, userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async delete(conversationId: string, userId: string): Promise<boolean> {
    const rows = await queryRows(this.tx.manager(), `DELETE FROM conversation_member WHERE conversation_id = $1 AND user_id = $2 RETURNING user_id`, [
      conversationId,
      userId,
    ]);
    return rows.length === 1;
  }

  async updatePreferences(conversationId: string, userId: string, patch: { notifyLevel?: NotifyLevel; muted?: boolean }): Promise<MembershipRecord | undefined> {
    const rows = await queryRows<MemberColumns>(
      this.tx.manager(),
      `UPDATE conversation_member m SET notify_level = COALESCE($3, notify_level), muted = COALESCE($4, muted)
        WHERE m.conversation_id = $1 AND m.user_id = $2
       RETURNING ${MEMBER_COLUMNS}`,
      [conversationId, userId, patch.notifyLevel ?? null, patch.muted ?? null],
    );
    return rows[0] && toMembershipRecord(rows[0]);
  }

  /**
   * Moves the read mark forward to `seq` (never backwards); returns the new mark, or undefined
   * when it was already at or past `seq` (nothing changed, nothing to announce).
   */
  async advanceReadMark(conversationId: string, userId: string, seq: number, now: Date): Promise<number | undefined> {
    const rows = await queryRows<{ last_read_seq: string }>(
      this.tx.manager(),
      `UPDATE conversation_member SET last_read_seq = $3, last_read_at = $4
        WHERE conversation_id = $1 AND user_id = $2 AND last_read_seq < $3
       RETURNING last_read_seq`,
      [conversationId, userId, seq, now],
    );
    return rows[0] ? Number(rows[0].last_read_seq) : undefined;
  }

  async list(conversationId: string, afterUserId: string | undefined, limit: number): Promise<MemberListItem[]> {
    const rows = await queryRows<{ user_id: string; role: MemberRole; joined_at: Date }>(
      this.tx.manager(),
      `SELECT user_id, role, joined_at FROM conversation_member
        WHERE conversation_id = $1 AND ($2::uuid IS NULL OR user_id > $2::uuid)
        ORDER BY user_id LIMIT $3`,
      [conversationId, afterUserId ?? null, limit],
    );
    return rows.map((r) => ({ userId: r.user_id, role: r.role, joinedAt: r.joined_at }));
  }

  async receipts(conversationId: string): Promise<ReceiptRecord[]> {
    const rows = await queryRows<{ user_id: string; last_read_seq: string; last_read_at: Date | null }>(
      this.tx.manager(),
      `SELECT user_id, last_read_seq, last_read_at FROM conversation_member WHERE conversation_id = $1 ORDER BY user_id`,
      [conversationId],
    );
    return rows.map((r) => ({ userId: r.user_id, lastReadSeq: Number(r.last_read_seq), lastReadAt: r.last_read_at }));
  }

  /** For sync: latest seq and the user's joined seq of each requested conversation they belong to. */
  async syncStates(userId: string, conversationIds: readonly string[]): Promise<Map<string, { lastSeq: number; joinedSeq: number }>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await queryRows<{ id: string; last_seq: string; joined_seq: string }>(
      this.tx.manager(),
      `SELECT c.id, c.last_seq, m.joined_seq
         FROM conversation_member m JOIN conversation c ON c.id = m.conversation_id
        WHERE m.user_id = $1 AND m.conversation_id = ANY($2::uuid[])`,
      [userId, conversationIds],
    );
    return new Map(rows.map((r) => [r.id, { lastSeq: Number(r.last_seq), joinedSeq: Number(r.joined_seq) }]));
  }

  /** Every conversation the user belongs to (the realtime layer joins their rooms with this). */
  async conversationIdsForUser(userId: string): Promise<string[]> {
    const rows = await queryRows<{ conversation_id: string }>(this.tx.manager(), `SELECT conversation_id FROM conversation_member WHERE user_id = $1`, [userId]);
    return rows.map((r) => r.conversation_id);
  }
}
