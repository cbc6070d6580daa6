import { Inject, Injectable } from '@nestjs/common';
import { REACTION_USERS_SHOWN } from '@enclave/contracts';
import { TransactionContext, queryRows } from '@enclave/database';
import type { ReactionSummary } from './message.record.js';

/** Emoji reactions: one row per (message, emoji, user). */
@Injectable()
export class ReactionsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async exists(messageId: string, emoji: string, userId: string): Promise<boolean> {
    const rows = await queryRows(this.tx.manager(), `SELECT 1 FROM message_reaction WHERE message_id = $1 AND emoji = $2 AND user_id = $3`, [
      messageId,
      emoji,
      userId,
    ]);
    return rows.length > 0;
  }

  /** Whether the message already carries this emoji (from anyone) and how many distinct emoji it has. */
  async emojiStats(messageId: string, emoji: string): Promise<{ hasEmoji: boolean; distinct: number }> {
    const rows = await queryRows<{ has_emoji: boolean; distinct: number }>(
      this.tx.manager(),
      `SELECT bool_or(emoji = $2) AS has_emoji, count(DISTINCT emoji)::int AS distinct FROM message_reaction WHERE message_id = $1`,
      [messageId, emoji],
    );
    return { hasEmoji: rows[0]?.has_emoji === true, distinct: rows[0]?.distinct ?? 0 };
  }

  /** Returns the emoji's count after the change, or undefined when nothing changed. */
  async add(messageId: string, emoji: string, userId: string, at: Date): Promise<number | undefined> {
    const rows = await queryRows(
      this.tx.manager(),
      `INSERT INTO message_reaction (message_id, emoji, user_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
      [messageId, emoji, userId, at],
    );
    return rows.length === 0 ? undefined : this.count(messageId, emoji);
  }

  async remove(messageId: string, emoji: string, userId: string): Promise<number | undefined> {
    const rows = await queryRows(this.tx.manager(), `DELETE FROM message_reaction WHERE message_id = $1 AND emoji = $2 AND user_id = $3 RETURNING 1`, [
      messageId,
      emoji,
      userId,
    ]);
    return rows.length === 0 ? undefined : this.count(messageId, emoji);
  }

  private async count(messageId: string, emoji: string): Promise<number> {
    const rows = await queryRows<{ n: number }>(this.tx.manager(), `SELECT count(*)::int AS n FROM message_reaction WHERE message_id = $1 AND emoji = $2`, [
      messageId,
      emoji,
    ]);
    return rows[0]?.n ?? 0;
  }

  /** Reaction summaries of many messages in one query, each emoji in order of first use. */
  async summaries(messageIds: readonly string[], viewerId: string | undefined): Promise<Map<string, ReactionSummary[]>> {
    const result = new Map<string, ReactionSummary[]>();
    if (messageIds.length === 0) return result;
    const rows = await queryRows<{ message_id: string; emoji: string; count: number; user_ids: string[]; me: boolean }>(
      this.tx.manager(),
      `SELECT message_id, emoji, count(*)::int AS count,
              (array_agg(user_id ORDER BY created_at, user_id))[1:$2] AS user_ids,
              bool_or(user_id = $3::uuid) AS me
         FROM message_reaction
        WHERE message_id = ANY($1::uuid[])
        GROUP BY message_id, emoji
        ORDER BY message_id, min(created_at), emoji`,
      [messageIds, REACTION_USERS_SHOWN, viewerId ?? null],
    );
    for (const row of rows) {
      const list = result.get(row.message_id) ?? [];
      list.push({ emoji: row.emoji, count: row.count, userIds: row.user_ids, ...(viewerId ? { me: row.me === true } : {}) });
      result.set(row.message_id, list);
    }
    return result;
  }
}
