import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext, queryRows } from '@enclave/database';
import { toMessageRecord, type MessageRecord, type MessageRevisionRecord, type MessageRow, type NewMessage } from './message.record.js';

export interface HistoryRange {
  /** Exclusive bounds. */
  readonly afterSeq: number | undefined;
  readonly beforeSeq: number | undefined;
  /** 'newest': the `limit` messages closest to `beforeSeq`; 'oldest': closest to `afterSeq`. */
  readonly from: 'newest' | 'oldest';
  readonly limit: number;
}

export interface ThreadCounters {
  readonly replyCount: number;
  readonly lastReplyAt: Date | null;
  readonly lastReplySeq: number | null;
  readonly participantIds: readonly string[];
}

/** Messages, their revisions and thread counters. Messages are never physically deleted. */
@Injectable()
export class MessagesRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  /**
   * The send path in one statement: takes the conversation's next seq, stores the message with
   * it and appends its `message.created` event. Top-level user messages also bump the
   * conversation's activity time (conversation lists sort by it). Returns the seq.
   */
  async insertWithEvent(m: NewMessage, storedEventPayload: unknown): Promise<number> {
    const rows = await queryRows<{ seq: string }>(
      this.tx.manager(),
      `WITH s AS (
         UPDATE conversation
            SET last_seq = last_seq + 1,
                last_message_at = CASE WHEN $6 = 'user' AND $13::uuid IS NULL THEN $14::timestamptz ELSE last_message_at END
          WHERE id = $2
         RETURNING last_seq
       ), m AS (
         INSERT INTO message (id, conversation_id, seq, sender_id, client_msg_id, kind, system_type, system_data, text,
                              mentioned_user_ids, mentioned_names, mention_all, thread_root_id, created_at)
         SELECT $1, $2, s.last_seq, $3, $4, $6, $7, $8::jsonb, $5, $9::uuid[], $10::text[], $11, $13::uuid, $14 FROM s
         RETURNING seq
       )
       INSERT INTO conversation_event (conversation_id, seq, type, message_id, payload, created_at)
       SELECT $2, m.seq, 'message.created', $1, $12::jsonb, $14 FROM m
       RETURNING seq`,
      [
        m.id,
        m.conversationId,
        m.senderId,
        m.clientMsgId,
        m.text,
        m.kind,
        m.systemType,
        m.systemData === null ? null : JSON.stringify(m.systemData),
        m.mentionedUserIds,
        m.mentionedNames,
        m.mentionAll,
        JSON.stringify(storedEventPayload),
        m.threadRootId,
        m.createdAt,
      ],
    );
    const seq = rows[0]?.seq;
    if (seq === undefined) throw new Error(`conversation ${m.conversationId} vanished while sending`);
    return Number(seq);
  }

  /**
   * The grouped send path: takes `messages.length` consecutive seqs of the conversation, stores
   * top-level user messages with them (in order) and appends their `message.created` events, in
   * one statement. Returns the first seq. All share `createdAt` and the stored event payload.
   */
  async insertManyWithEvents(conversationId: string, messages: readonly NewMessage[], createdAt: Date, storedEventPayload: unknown): Promise<number> {
    const rows = await queryRows<{ seq: string }>(
      this.tx.manager(),
      `WITH s AS (
         UPDATE conversation SET last_seq = last_seq + $2, last_message_at = $9 WHERE id = $1
         RETURNING last_seq - $2 AS base
       ), r AS (
         SELECT * FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[])
                WITH ORDINALITY AS t(id, sender_id, client_msg_id, text, mention_all, ord)
       ), m AS (
         INSERT INTO message (id, conversation_id, seq, sender_id, client_msg_id, kind, system_type, system_data, text,
                              mentioned_user_ids, mentioned_names, mention_all, thread_root_id, created_at)
         SELECT r.id, $1, s.base + r.ord, r.sender_id, r.client_msg_id, 'user', NULL, NULL, r.text,
                ARRAY(SELECT jsonb_array_elements_text($8::jsonb -> (r.ord::int - 1) -> 0))::uuid[],
                ARRAY(SELECT jsonb_array_elements_text($8::jsonb -> (r.ord::int - 1) -> 1)),
                r.mention_all, NULL, $9
           FROM r CROSS JOIN s
         RETURNING id, seq
       )
       INSERT INTO conversation_event (conversation_id, seq, type, message_id, payload, created_at)
       SELECT $1, m.seq, 'message.created', m.id, $10::jsonb, $9 FROM m
       RETURNING seq`,
      [
        conversationId,
        messages.length,
        messages.map((m) => m.id),
        messages.map((m) => m.senderId),
        messages.map((m) => m.clientMsgId),
        messages.map((m) => m.text),
        messages.map((m) => m.mentionAll),
        JSON.stringify(messages.map((m) => [m.mentionedUserIds, m.mentionedNames])),
        createdAt,
        JSON.stringify(storedEventPayload),
      ],
    );
    if (rows.length !== messages.length) throw new Error(`conversation ${conversationId} vanished while sending`);
    return Math.min(...rows.map((r) => Number(r.seq)));
  }

  /** Earlier sends with these (sender, clientMsgId) pairs, keyed `${senderId}\n${clientMsgId}`. */
  async findByClientMsgIds(pairs: ReadonlyArray<{ readonly senderId: string; readonly clientMsgId: string }>): Promise<Map<string, MessageRecord>> {
    const found = new Map<string, MessageRecord>();
    if (pairs.length === 0) return found;
    const rows = await queryRows<MessageRow>(
      this.tx.manager(),
      `SELECT * FROM message WHERE (sender_id, client_msg_id) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
      [pairs.map((p) => p.senderId), pairs.map((p) => p.clientMsgId)],
    );
    for (const row of rows) found.set(`${row.sender_id}\n${row.client_msg_id}`, toMessageRecord(row));
    return found;
  }

  async findById(id: string, options: { lock?: boolean } = {}): Promise<MessageRecord | undefined> {
    const rows = await queryRows<MessageRow>(this.tx.manager(), `SELECT * FROM message WHERE id = $1 ${options.lock ? 'FOR NO KEY UPDATE' : ''}`, [id]);
    return rows[0] && toMessageRecord(rows[0]);
  }

  async findByClientMsgId(senderId: string, clientMsgId: string): Promise<MessageRecord | undefined> {
    const rows = await queryRows<MessageRow>(this.tx.manager(), `SELECT * FROM message WHERE sender_id = $1 AND client_msg_id = $2`, [senderId, clientMsgId]);
    return rows[0] && toMessageRecord(rows[0]);
  }

  async findManyByIds(ids: readonly string[]): Promise<MessageRecord[]> {
    if (ids.length === 0) return [];
    const rows = await queryRows<MessageRow>(this.tx.manager(), `SELECT * FROM message WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(toMessageRecord);
  }

  /** Top-level messages in a seq range, oldest first; fetches `limit + 1` so callers see if more exist. */
  async topLevelRange(conversationId: string, range: HistoryRange): Promise<MessageRecord[]> {
    const newest = range.from === 'newest';
    const rows = await queryRows<MessageRow>(
      this.tx.manager(),
      `SELECT * FROM message
        WHERE conversation_id = $1 AND thread_root_id IS NULL
          AND ($2::bigint IS NULL OR seq > $2) AND ($3::bigint IS NULL OR seq < $3)
        ORDER BY seq ${newest ? 'DESC' : 'ASC'}
        LIMIT $4`,
      [conversationId, range.afterSeq ?? null, range.beforeSeq ?? null, range.limit + 1],
    );
    const records = rows.map(toMessageRecord);
    return newest ? records.reverse() : records;
  }

  /** Whether a top-level message exists at or before `seq` ('before') or at or after it ('after'). */
  async hasTopLevel(conversationId: string, side: 'before' | 'after', seq: number): Promise<boolean> {
    const rows = await queryRows<{ found: boolean }>(
      this.tx.manager(),
      `SELECT EXISTS (SELECT 1 FROM message WHERE conversation_id = $1 AND thread_root_id IS NULL AND seq ${side === 'before' ? '<=' : '>='} $2) AS found`,
      [conversationId, seq],
    );
    return rows[0]?.found === true;
  }

  /** Replies of a thread after `afterSeq`, oldest first (`limit + 1` rows). */
  async replies(rootId: string, afterSeq: number, limit: number): Promise<MessageRecord[]> {
    const rows = await queryRows<MessageRow>(
      this.tx.manager(),
      `SELECT * FROM message WHERE thread_root_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [rootId, afterSeq, limit + 1],
    );
    return rows.map(toMessageRecord);
  }

  /** Counts a new reply on its root (under the root row lock) and returns the counters. */
  async addReply(rootId: string, replySeq: number, senderId: string, at: Date): Promise<ThreadCounters> {
    const rows = await queryRows<Pick<MessageRow, 'reply_count' | 'last_reply_at' | 'last_reply_seq' | 'thread_participant_ids'>>(
      this.tx.manager(),
      `UPDATE message
          SET reply_count = reply_count + 1, last_reply_at = $4, last_reply_seq = $2,
              thread_participant_ids = CASE WHEN $3::uuid = ANY (thread_participant_ids) THEN thread_participant_ids
                                            ELSE array_append(thread_participant_ids, $3::uuid) END
        WHERE id = $1
       RETURNING reply_count, last_reply_at, last_reply_seq, thread_participant_ids`,
      [rootId, replySeq, senderId, at],
    );
    return toCounters(rows[0]);
  }

  /** A deleted reply no longer counts; last-reply time and participants stay as they were. */
  async removeReply(rootId: string): Promise<ThreadCounters> {
    const rows = await queryRows<Pick<MessageRow, 'reply_count' | 'last_reply_at' | 'last_reply_seq' | 'thread_participant_ids'>>(
      this.tx.manager(),
      `UPDATE message SET reply_count = GREATEST(reply_count - 1, 0) WHERE id = $1
       RETURNING reply_count, last_reply_at, last_reply_seq, thread_participant_ids`,
      [rootId],
    );
    return toCounters(rows[0]);
  }

  /** Keeps the replaced text as a revision, then stores the new text and mentions. */
  async edit(
    message: MessageRecord,
    edit: { text: string; mentionedUserIds: readonly string[]; mentionedNames: readonly string[]; mentionAll: string | null; by: string; at: Date },
  ): Promise<MessageRecord> {
    await this.tx.manager().query(
      `INSERT INTO message_revision (message_id, revision, text, created_at, replaced_at, replaced_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [message.id, message.editCount + 1, message.text, message.editedAt ?? message.createdAt, edit.at, edit.by],
    );
    const rows = await queryRows<MessageRow>(
      this.tx.manager(),
      `UPDATE message SET text = $2, mentioned_user_ids = $3::uuid[], mentioned_names = $4::text[], mention_all = $5,
                          edited_at = $6, edit_count = edit_count + 1
        WHERE id = $1 RETURNING *`,
      [message.id, edit.text, edit.mentionedUserIds, edit.mentionedNames, edit.mentionAll, edit.at],
    );
    return toMessageRecord(rows[0]);
  }

  async revisions(messageId: string): Promise<MessageRevisionRecord[]> {
    const rows = await queryRows<{ revision: number; text: string; created_at: Date; replaced_at: Date }>(
      this.tx.manager(),
      `SELECT revision, text, created_at, replaced_at FROM message_revision WHERE message_id = $1 ORDER BY revision`,
      [messageId],
    );
    return rows.map((r) => ({ revision: r.revision, text: r.text, createdAt: r.created_at, replacedAt: r.replaced_at }));
  }

  /** Hides the message from users; its text stays for compliance. */
  async markDeleted(id: string, by: string, at: Date): Promise<MessageRecord> {
    const rows = await queryRows<MessageRow>(this.tx.manager(), `UPDATE message SET deleted_at = $3, deleted_by = $2 WHERE id = $1 RETURNING *`, [id, by, at]);
    return toMessageRecord(rows[0]);
  }

  async setPinned(id: string, pinned: { at: Date; by: string } | null): Promise<MessageRecord> {
    const rows = await queryRows<MessageRow>(this.tx.manager(), `UPDATE message SET pinned_at = $2, pinned_by = $3 WHERE id = $1 RETURNING *`, [
      id,
      pinned?.at ?? null,
      pinned?.by ?? null,
    ]);
    return toMessageRecord(rows[0]);
  }

  async countPins(conversationId: string): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      this.tx.manager(),
      `SELECT count(*)::int AS n FROM message WHERE conversation_id = $1 AND pinned_at IS NOT NULL AND deleted_at IS NULL`,
      [conversationId],
    );
    return rows[0]?.n ?? 0;
  }

  async listPins(conversationId: string, limit: number): Promise<MessageRecord[]> {
    const rows = await queryRows<MessageRow>(
      this.tx.manager(),
      `SELECT * FROM message WHERE conversation_id = $1 AND pinned_at IS NOT NULL AND deleted_at IS NULL ORDER BY pinned_at DESC, id LIMIT $2`,
      [conversationId, limit],
    );
    return rows.map(toMessageRecord);
  }
}

function toCounters(row: Pick<MessageRow, 'reply_count' | 'last_reply_at' | 'last_reply_seq' | 'thread_participant_ids'> | undefined): ThreadCounters {
  if (!row) throw new Error('thread root vanished');
  return {
    replyCount: row.reply_count,
    lastReplyAt: row.last_reply_at,
    lastReplySeq: row.last_reply_seq === null ? null : Number(row.last_reply_seq),
    participantIds: row.thread_participant_ids ?? [],
  };
}
