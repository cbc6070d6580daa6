import type { SpecialMention } from '@enclave/contracts';

export type MessageKind = 'user' | 'system';

/** A stored message, including what users no longer see (deleted text): the compliance record. */
export interface MessageRecord {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly senderId: string;
  readonly clientMsgId: string | null;
  readonly kind: MessageKind;
  readonly systemType: string | null;
  readonly systemData: Record<string, unknown> | null;
  readonly text: string;
  readonly mentionedUserIds: readonly string[];
  readonly mentionedNames: readonly string[];
  readonly mentionAll: SpecialMention | null;
  readonly threadRootId: string | null;
  readonly replyCount: number;
  readonly lastReplyAt: Date | null;
  readonly lastReplySeq: number | null;
  readonly threadParticipantIds: readonly string[];
  readonly editedAt: Date | null;
  readonly editCount: number;
  readonly deletedAt: Date | null;
  readonly deletedBy: string | null;
  readonly pinnedAt: Date | null;
  readonly pinnedBy: string | null;
  readonly createdAt: Date;
}

/** What the sender supplies for an insert; the rest of the record starts empty (`newMessageRecord`). */
export type NewMessage = Pick<
  MessageRecord,
  | 'id'
  | 'conversationId'
  | 'senderId'
  | 'clientMsgId'
  | 'kind'
  | 'systemType'
  | 'systemData'
  | 'text'
  | 'mentionedUserIds'
  | 'mentionedNames'
  | 'mentionAll'
  | 'threadRootId'
  | 'createdAt'
>;

export interface ReactionSummary {
  readonly emoji: string;
  readonly count: number;
  readonly userIds: readonly string[];
  readonly me?: boolean;
}

export interface MessageRevisionRecord {
  readonly revision: number;
  readonly text: string;
  readonly createdAt: Date;
  readonly replacedAt: Date | null;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: string;
  sender_id: string;
  client_msg_id: string | null;
  kind: MessageKind;
  system_type: string | null;
  system_data: Record<string, unknown> | null;
  text: string;
  mentioned_user_ids: string[];
  mentioned_names: string[];
  mention_all: SpecialMention | null;
  thread_root_id: string | null;
  reply_count: number;
  last_reply_at: Date | null;
  last_reply_seq: string | null;
  thread_participant_ids: string[];
  edited_at: Date | null;
  edit_count: number;
  deleted_at: Date | null;
  deleted_by: string | null;
  pinned_at: Date | null;
  pinned_by: string | null;
  created_at: Date;
}

export function toMessageRecord(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    senderId: row.sender_id,
    clientMsgId: row.client_msg_id,
    kind: row.kind,
    systemType: row.system_type,
    systemData: row.system_data,
    text: row.text,
    mentionedUserIds: row.mentioned_user_ids ?? [],
    mentionedNames: row.mentioned_names ?? [],
    mentionAll: row.mention_all,
    threadRootId: row.thread_root_id,
    replyCount: row.reply_count,
    lastReplyAt: row.last_reply_at,
    lastReplySeq: row.last_reply_seq === null ? null : Number(row.last_reply_seq),
    threadParticipantIds: row.thread_participant_ids ?? [],
    editedAt: row.edited_at,
    editCount: row.edit_count,
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
    pinnedAt: row.pinned_at,
    pinnedBy: row.pinned_by,
    createdAt: row.created_at,
  };
}

/** The record of a message just inserted with `seq` (saves re-reading it on the send path). */
export function newMessageRecord(m: NewMessage, seq: number): MessageRecord {
  return {
    ...m,
    seq,
    replyCount: 0,
    lastReplyAt: null,
    lastReplySeq: null,
    threadParticipantIds: [],
    editedAt: null,
    editCount: 0,
    deletedAt: null,
    deletedBy: null,
    pinnedAt: null,
    pinnedBy: null,
  };
}
