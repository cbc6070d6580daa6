import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext, queryRows } from '@enclave/database';
import { toMessageRecord, type MessageRecord, type MessageRow } from '../messages/message.record.js';

export interface ThreadMembershipRecord {
  readonly userId: string;
  readonly rootId: string;
  readonly conversationId: string;
  readonly following: boolean;
  readonly lastReadSeq: number;
}

export interface ThreadInboxRow {
  readonly root: MessageRecord;
  readonly lastReadSeq: number;
  readonly unreadReplies: number;
  readonly unreadMentions: number;
}

export interface InboxCursor {
  readonly at: Date;
  readonly id: string;
}

/** Users' relation to threads: following (the thread inbox) and per-thread read marks. */
@Injectable()
export class ThreadsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async find(userId: string, rootId: string): Promise<ThreadMembershipRecord | undefined> {
    const rows = await queryRows<{ user_id: string; root_id: string; conversation_id: string; following: boolean; last_read_seq: string }>(
      this.tx.manager(),
      `SELECT user_id, root_id, conversation_id, following, last_read_seq FROM thread_membership WHERE user_id = $1 AND root_id = $2`,
      [userId, rootId],
    );
    const r = rows[0];
    return r && { userId: r.user_id, rootId: r.root_id, conversationId: r.conversation_id, following: r.following, lastReadSeq: Number(r.last_read_seq) };
  }

  /**
   * Follows the thread for each user. `force` re-follows users who unfollowed (posting or being
   * mentioned); otherwise an explicit unfollow sticks (the root author's automatic follow).
   * `readSeq` moves their thread read mark forward (the author of a reply has read it).
   */
  async follow(userIds: readonly string[], rootId: string, conversationId: string, options: { force: boolean; readSeq?: number }, now: Date): Promise<void> {
    const ids = [...new Set(userIds)].sort();
    if (ids.length === 0) return;
    await this.tx.manager().query(
      `INSERT INTO thread_membership AS t (user_id, root_id, conversation_id, following, last_read_seq, updated_at)
       SELECT u, $2, $3, true, COALESCE($5::bigint, 0), $6 FROM unnest($1::uuid[]) AS u ORDER BY u
       ON CONFLICT (user_id, root_id) DO UPDATE
          SET following = CASE WHEN $4 THEN true ELSE t.following END,
              last_read_seq = GREATEST(t.last_read_seq, COALESCE($5::bigint, 0)),
              updated_at = $6`,
      [ids, rootId, conversationId, options.force, options.readSeq ?? null, now],
    );
  }

  async setFollowing(userId: string, rootId: string, conversationId: string, following: boolean, now: Date): Promise<ThreadMembershipRecord> {
    const rows = await queryRows<{ following: boolean; last_read_seq: string }>(
      this.tx.manager(),
      `INSERT INTO thread_membership AS t (user_id, root_id, conversation_id, following, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, root_id) DO UPDATE SET following = $4, updated_at = $5
       RETURNING following, last_read_seq`,
      [userId, rootId, conversationId, following, now],
    );
    return { userId, rootId, conversationId, following: rows[0].following, lastReadSeq: Number(rows[0].last_read_seq) };
  }

  /** Moves the thread read mark forward; undefined when it was already there. */
  async advanceRead(userId: string, rootId: string, conversationId: string, seq: number, now: Date): Promise<number | undefined> {
    const rows = await queryRows<{ last_read_seq: string }>(
      this.tx.manager(),
      `INSERT INTO thread_membership AS t (user_id, root_id, conversation_id, following, last_read_seq, updated_at) VALUES ($1, $2, $3, false, $4, $5)
       ON CONFLICT (user_id, root_id) DO UPDATE SET last_read_seq = $4, updated_at = $5 WHERE t.last_read_seq < $4
       RETURNING last_read_seq`,
      [userId, rootId, conversationId, seq, now],
    );
    return rows[0] ? Number(rows[0].last_read_seq) : undefined;
  }

  /** Followers of a thread who are still members of its conversation. */
  async followers(rootId: string, conversationId: string): Promise<string[]> {
    const rows = await queryRows<{ user_id: string }>(
      this.tx.manager(),
      `SELECT t.user_id FROM thread_membership t
         JOIN conversation_member m ON m.conversation_id = $2 AND m.user_id = t.user_id
        WHERE t.root_id = $1 AND t.following
        ORDER BY t.user_id`,
      [rootId, conversationId],
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * The thread inbox: followed threads in conversations the user still belongs to, latest
   * reply first, with replies by others after the thread read mark (scan capped at 1000).
   */
  async inbox(userId: string, after: InboxCursor | undefined, limit: number): Promise<ThreadInboxRow[]> {
    const rows = await queryRows<MessageRow & { t_last_read_seq: string; unread_replies: number; unread_mentions: number }>(
      this.tx.manager(),
      `SELECT r.*, t.last_read_seq AS t_last_read_seq, u.unread_replies, u.unread_mentions
         FROM thread_membership t
         JOIN message r ON r.id = t.root_id
         JOIN conversation_member m ON m.conversation_id = t.conversation_id AND m.user_id = t.user_id
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS unread_replies, count(*) FILTER (WHERE x.mention)::int AS unread_mentions
             FROM (SELECT (mention_all IS NOT NULL OR $1::uuid = ANY (mentioned_user_ids)) AS mention
                     FROM message
                    WHERE thread_root_id = r.id AND seq > t.last_read_seq AND deleted_at IS NULL AND sender_id <> $1::uuid
                    ORDER BY seq LIMIT 1000) x
         ) u
        WHERE t.user_id = $1 AND t.following AND r.last_reply_at IS NOT NULL
          AND ($2::timestamptz IS NULL OR (r.last_reply_at, r.id) < ($2::timestamptz, $3::uuid))
        ORDER BY r.last_reply_at DESC, r.id DESC
        LIMIT $4`,
      [userId, after?.at ?? null, after?.id ?? null, limit],
    );
    return rows.map((row) => ({
      root: toMessageRecord(row),
      lastReadSeq: Number(row.t_last_read_seq),
      unreadReplies: row.unread_replies,
      unreadMentions: row.unread_mentions,
    }));
  }
}
