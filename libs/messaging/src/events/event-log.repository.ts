import { Inject, Injectable } from '@nestjs/common';
import type { ConversationEventType, UserEventType } from '@enclave/contracts';
import { TransactionContext, queryRows } from '@enclave/database';
import type { MessageRow } from '../messages/message.record.js';

export interface StoredConversationEvent {
  readonly type: ConversationEventType;
  /** What is stored; message events store only what the message row cannot give back. */
  readonly payload: unknown;
  readonly messageId?: string | null;
}

export interface ConversationEventRow {
  seq: string;
  type: ConversationEventType;
  payload: Record<string, unknown>;
  created_at: Date;
  message_id: string | null;
  /** The referenced message's current row (message events only), `m_`-prefixed columns. */
  message: MessageRow | null;
}

export interface UserEventRow {
  seq: string;
  type: UserEventType;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * The two event logs behind sync. Lock order across the module (deadlock-free because every
 * transaction takes what it needs in this order): conversation row -> conversation_member rows
 * -> message rows -> thread_membership rows -> user_stream rows (ascending user id).
 */
@Injectable()
export class EventLogRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  /**
   * Appends events with the conversation's next seqs, in order, in one statement; returns the
   * first seq. The increment takes (or re-uses) the conversation row lock, so seqs are
   * gap-free and commit in order.
   */
  async appendConversationEvents(conversationId: string, events: readonly StoredConversationEvent[], createdAt: Date): Promise<number> {
    if (events.length === 0) throw new Error('appendConversationEvents needs at least one event');
    const rows = await queryRows<{ first: string }>(
      this.tx.manager(),
      `WITH s AS (
         UPDATE conversation SET last_seq = last_seq + $2 WHERE id = $1 RETURNING last_seq - $2 AS base
       ), e AS (
         INSERT INTO conversation_event (conversation_id, seq, type, message_id, payload, created_at)
         SELECT $1, s.base + t.ord, t.type, t.message_id, t.payload, $6
           FROM s, unnest($3::text[], $4::uuid[], $5::jsonb[]) WITH ORDINALITY AS t(type, message_id, payload, ord)
         RETURNING seq
       )
       SELECT min(seq) AS first FROM e`,
      [
        conversationId,
        events.length,
        events.map((e) => e.type),
        events.map((e) => e.messageId ?? null),
        events.map((e) => JSON.stringify(e.payload)),
        createdAt,
      ],
    );
    const first = rows[0]?.first;
    if (first === undefined || first === null) throw new Error(`conversation ${conversationId} vanished while appending events`);
    return Number(first);
  }

  /** Events after `afterSeq`, oldest first, with the current row of each referenced message. */
  async readConversationEvents(conversationId: string, afterSeq: number, limit: number): Promise<ConversationEventRow[]> {
    return queryRows<ConversationEventRow>(
      this.tx.manager(),
      `SELECT e.seq, e.type, e.payload, e.created_at, e.message_id,
              CASE WHEN m.id IS NULL THEN NULL ELSE to_jsonb(m) END AS message
         FROM conversation_event e
         LEFT JOIN message m ON m.id = e.message_id
        WHERE e.conversation_id = $1 AND e.seq > $2
        ORDER BY e.seq
        LIMIT $3`,
      [conversationId, afterSeq, limit],
    );
  }

  /** The oldest seq still in the log (retention trims the head), or undefined when empty. */
  async firstConversationSeq(conversationId: string): Promise<number | undefined> {
    const rows = await queryRows<{ seq: string | null }>(this.tx.manager(), `SELECT min(seq) AS seq FROM conversation_event WHERE conversation_id = $1`, [
      conversationId,
    ]);
    return rows[0]?.seq === null || rows[0]?.seq === undefined ? undefined : Number(rows[0].seq);
  }

  /**
   * Appends user events in one statement, at most one per user; returns each user's new seq.
   * Users are locked in ascending id order, and every transaction appends its user events in a
   * single call, so concurrent fan-outs cannot deadlock on user_stream rows.
   */
  async appendUserEvents(entries: ReadonlyArray<{ userId: string; type: UserEventType; payload: unknown }>, createdAt: Date): Promise<Map<string, number>> {
    if (entries.length === 0) return new Map();
    const sorted = [...entries].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    if (new Set(sorted.map((e) => e.userId)).size !== sorted.length) throw new Error('appendUserEvents takes at most one event per user');
    const rows = await queryRows<{ user_id: string; seq: string }>(
      this.tx.manager(),
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS t(user_id, type, payload, ord)
       ), bumped AS (
         INSERT INTO user_stream AS s (user_id, last_seq)
         SELECT user_id, 1 FROM input ORDER BY ord
         ON CONFLICT (user_id) DO UPDATE SET last_seq = s.last_seq + 1
         RETURNING s.user_id, s.last_seq
       )
       INSERT INTO user_event (user_id, seq, type, payload, created_at)
       SELECT b.user_id, b.last_seq, i.type, i.payload, $4 FROM bumped b JOIN input i ON i.user_id = b.user_id
       RETURNING user_id, seq`,
      [sorted.map((e) => e.userId), sorted.map((e) => e.type), sorted.map((e) => JSON.stringify(e.payload)), createdAt],
    );
    return new Map(rows.map((r) => [r.user_id, Number(r.seq)]));
  }

  async readUserEvents(userId: string, afterSeq: number, limit: number): Promise<UserEventRow[]> {
    return queryRows<UserEventRow>(
      this.tx.manager(),
      `SELECT seq, type, payload, created_at FROM user_event WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [userId, afterSeq, limit],
    );
  }

  async latestUserSeq(userId: string): Promise<number> {
    const rows = await queryRows<{ last_seq: string }>(this.tx.manager(), `SELECT last_seq FROM user_stream WHERE user_id = $1`, [userId]);
    return rows[0] ? Number(rows[0].last_seq) : 0;
  }

  async firstUserSeq(userId: string): Promise<number | undefined> {
    const rows = await queryRows<{ seq: string | null }>(this.tx.manager(), `SELECT min(seq) AS seq FROM user_event WHERE user_id = $1`, [userId]);
    return rows[0]?.seq === null || rows[0]?.seq === undefined ? undefined : Number(rows[0].seq);
  }
}
