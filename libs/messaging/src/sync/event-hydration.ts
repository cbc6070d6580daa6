import type { ConversationEventResponse, UserEventResponse } from '@enclave/contracts';
import type { ConversationEventRow, UserEventRow } from '../events/event-log.repository.js';
import { toMessageResponse } from '../messages/message-response.mapper.js';
import { toMessageRecord, type MessageRecord, type MessageRow, type ReactionSummary } from '../messages/message.record.js';

/** Timestamp columns of a message row: `to_jsonb` turns them into strings. */
const MESSAGE_TIMESTAMPS = ['last_reply_at', 'edited_at', 'deleted_at', 'pinned_at', 'created_at'] as const;

/** The message a log entry references, from the row `to_jsonb(message)` produced. */
export function messageFromJson(json: MessageRow | null): MessageRecord | undefined {
  if (!json) return undefined;
  const row = { ...json } as unknown as Record<string, unknown>;
  for (const column of MESSAGE_TIMESTAMPS) {
    const value = row[column];
    if (typeof value === 'string') row[column] = new Date(value);
  }
  return toMessageRecord(row as unknown as MessageRow);
}

/**
 * A logged conversation event as a client receives it. Message events are rendered from the
 * message's current state (a deleted message is a tombstone, an edited one shows its latest
 * text), so the log never hands out text its author has since removed.
 */
export function toConversationEventResponse(
  conversationId: string,
  row: ConversationEventRow,
  reactions: ReadonlyMap<string, readonly ReactionSummary[]>,
): ConversationEventResponse {
  let payload: unknown = row.payload;
  const message = messageFromJson(row.message);
  if (message && (row.type === 'message.created' || row.type === 'message.updated')) {
    payload = { ...row.payload, message: toMessageResponse(message, reactions.get(message.id) ?? []) };
  }
  return { conversationId, seq: Number(row.seq), type: row.type, payload, createdAt: row.created_at.toISOString() };
}

export function toUserEventResponse(row: UserEventRow): UserEventResponse {
  return { seq: Number(row.seq), type: row.type, payload: row.payload, createdAt: row.created_at.toISOString() };
}
