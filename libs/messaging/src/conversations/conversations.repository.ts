import { Inject, Injectable } from '@nestjs/common';
import type { ConversationKind } from '@enclave/contracts';
import { TransactionContext, escapeLike, queryRows } from '@enclave/database';
import { toPositionalSql, type SqlCondition } from '@enclave/authz';
import type { ConversationForUser, ConversationRecord, UnreadCounts } from './conversation.record.js';
import {
  CONVERSATION_COLUMNS,
  DIRECT_MEMBER_IDS,
  MEMBER_COLUMNS,
  UNREAD_COUNTS_LATERAL,
  toConversationRecord,
  toMembershipRecord,
  type ConversationRow,
  type ConversationWithMemberRow,
} from './conversation-rows.js';

export interface NewConversation {
  readonly id: string;
  readonly kind: ConversationKind;
  readonly name: string | null;
  readonly topic: string;
  readonly purpose: string;
  readonly dmKey: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface ActivityCursor {
  readonly at: Date;
  readonly id: string;
}

export interface BrowseFilter {
  readonly q: string | undefined;
  readonly match: 'prefix' | 'contains';
  readonly includeArchived: boolean;
  readonly after: { readonly name: string; readonly id: string } | undefined;
  readonly limit: number;
}

/** The conversation aggregate's own row; members live in MembersRepository. */
@Injectable()
export class ConversationsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  /**
   * Takes the conversation row lock (the seq lock) and returns the row as it is now. Read the
   * membership in a later statement: one taken in the same statement could predate the lock.
   * FOR NO KEY UPDATE excludes other writers of the conversation but not the foreign-key checks
   * of concurrent inserts referencing it (thread follows, members), which FOR UPDATE would
   * block, deadlocking against this transaction's own upserts of those rows.
   */
  async lock(id: string): Promise<ConversationRecord | undefined> {
    const rows = await queryRows<ConversationRow>(this.tx.manager(), `SELECT ${CONVERSATION_COLUMNS} FROM conversation c WHERE c.id = $1 FOR NO KEY UPDATE`, [id]);
    return rows[0] && toConversationRecord(rows[0]);
  }

  /** The conversation with `userId`'s membership, DM member ids and (for members) counts. */
  async findForUser(id: string, userId: string, options: { counts?: boolean } = {}): Promise<ConversationForUser | undefined> {
    const counts = options.counts === true;
    const rows = await queryRows<ConversationWithMemberRow>(
      this.tx.manager(),
      `SELECT ${CONVERSATION_COLUMNS}, ${MEMBER_COLUMNS}, ${DIRECT_MEMBER_IDS}
              ${counts ? ', u.unread_count, u.mention_count' : ''}
         FROM conversation c
         LEFT JOIN conversation_member m ON m.conversation_id = c.id AND m.user_id = $1
         ${counts ? UNREAD_COUNTS_LATERAL : ''}
        WHERE c.id = $2`,
      [userId, id],
    );
    return rows[0] && toForUser(rows[0]);
  }

  async findByDmKey(dmKey: string, userId: string): Promise<ConversationForUser | undefined> {
    const rows = await queryRows<ConversationWithMemberRow>(
      this.tx.manager(),
      `SELECT ${CONVERSATION_COLUMNS}, ${MEMBER_COLUMNS}, ${DIRECT_MEMBER_IDS}
         FROM conversation c LEFT JOIN conversation_member m ON m.conversation_id = c.id AND m.user_id = $1
        WHERE c.dm_key = $2`,
      [userId, dmKey],
    );
    return rows[0] && toForUser(rows[0]);
  }

  /**
   * Inserts unless the channel name (case-insensitively) or the DM key is taken; returns false
   * then. The unique indexes decide, so racing creators are safe.
   */
  async insert(c: NewConversation): Promise<boolean> {
    const rows = await queryRows(
      this.tx.manager(),
      `INSERT INTO conversation (id, kind, name, topic, purpose, dm_key, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [c.id, c.kind, c.name, c.topic, c.purpose, c.dmKey, c.createdBy, c.createdAt],
    );
    return rows.length === 1;
  }

  async nameTaken(name: string, exceptId: string): Promise<boolean> {
    const rows = await queryRows(this.tx.manager(), `SELECT 1 FROM conversation WHERE lower(name) = lower($1) AND id <> $2`, [name, exceptId]);
    return rows.length > 0;
  }

  async updateDetails(id: string, patch: { name?: string; topic?: string; purpose?: string }, now: Date): Promise<void> {
    await this.tx.manager().query(
      `UPDATE conversation SET name = COALESCE($2, name), topic = COALESCE($3, topic), purpose = COALESCE($4, purpose), updated_at = $5 WHERE id = $1`,
      [id, patch.name ?? null, patch.topic ?? null, patch.purpose ?? null, now],
    );
  }

  async setArchived(id: string, archived: { at: Date; by: string } | null, now: Date): Promise<void> {
    await this.tx.manager().query(`UPDATE conversation SET archived_at = $2, archived_by = $3, updated_at = $4 WHERE id = $1`, [
      id,
      archived?.at ?? null,
      archived?.by ?? null,
      now,
    ]);
  }

  async adjustMemberCount(id: string, delta: number): Promise<number> {
    const rows = await queryRows<{ member_count: number }>(
      this.tx.manager(),
      `UPDATE conversation SET member_count = member_count + $2 WHERE id = $1 RETURNING member_count`,
      [id, delta],
    );
    return rows[0]?.member_count ?? 0;
  }

  /**
   * The user's conversations, most recent activity first, with unread and mention counts.
   * `visible` is the caller's ability as SQL (authz toSqlWhere over `c`, membership `m`).
   */
  async listForUser(userId: string, after: ActivityCursor | undefined, limit: number, visible: SqlCondition): Promise<ConversationForUser[]> {
    const filter = toPositionalSql(visible, 5);
    const rows = await queryRows<ConversationWithMemberRow>(
      this.tx.manager(),
      `SELECT ${CONVERSATION_COLUMNS}, ${MEMBER_COLUMNS}, ${DIRECT_MEMBER_IDS}, u.unread_count, u.mention_count
         FROM conversation_member m
         JOIN conversation c ON c.id = m.conversation_id
         ${UNREAD_COUNTS_LATERAL}
        WHERE m.user_id = $1
          AND ($2::timestamptz IS NULL OR (COALESCE(c.last_message_at, c.created_at), c.id) < ($2::timestamptz, $3::uuid))
          AND ${filter.sql}
        ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC
        LIMIT $4`,
      [userId, after?.at ?? null, after?.id ?? null, limit, ...filter.values],
    );
    return rows.map(toForUser);
  }

  /** Public channels by name (case-insensitive; CJK matches as typed), with the caller's membership; `browsable` as in listForUser. */
  async browsePublic(userId: string, browsable: SqlCondition, filter: BrowseFilter): Promise<Array<{ view: ConversationForUser; sortKey: string }>> {
    const allowed = toPositionalSql(browsable, 7);
    const pattern = filter.q ? (filter.match === 'prefix' ? '' : '%') + escapeLike(filter.q) + '%' : null;
    const rows = await queryRows<ConversationWithMemberRow & { sort_key: string }>(
      this.tx.manager(),
      `SELECT ${CONVERSATION_COLUMNS}, ${MEMBER_COLUMNS}, lower(c.name) AS sort_key
         FROM conversation c
         LEFT JOIN conversation_member m ON m.conversation_id = c.id AND m.user_id = $1
        WHERE c.kind = 'public_channel'
          AND ($2::text IS NULL OR lower(c.name) LIKE lower($2) ESCAPE '\\')
          AND ($3 OR c.archived_at IS NULL)
          AND ($4::text IS NULL OR (lower(c.name), c.id) > ($4::text, $5::uuid))
          AND ${allowed.sql}
        ORDER BY lower(c.name), c.id
        LIMIT $6`,
      [userId, pattern, filter.includeArchived, filter.after?.name ?? null, filter.after?.id ?? null, filter.limit, ...allowed.values],
    );
    return rows.map((row) => ({ view: toForUser(row), sortKey: row.sort_key }));
  }

  async unreadCounts(conversationId: string, userId: string): Promise<UnreadCounts | undefined> {
    const rows = await queryRows<{ unread_count: number; mention_count: number }>(
      this.tx.manager(),
      `SELECT u.unread_count, u.mention_count
         FROM conversation c JOIN conversation_member m ON m.conversation_id = c.id AND m.user_id = $1
         ${UNREAD_COUNTS_LATERAL}
        WHERE c.id = $2`,
      [userId, conversationId],
    );
    return rows[0] && { unread: rows[0].unread_count, mentions: rows[0].mention_count };
  }
}

function toForUser(row: ConversationWithMemberRow): ConversationForUser {
  return {
    conversation: toConversationRecord(row),
    membership: toMembershipRecord(row),
    memberIds: row.member_ids ?? undefined,
    counts: row.unread_count === undefined || row.unread_count === null ? undefined : { unread: row.unread_count, mentions: row.mention_count ?? 0 },
  };
}
