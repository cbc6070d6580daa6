import type { ConversationKind, MemberRole, NotifyLevel } from '@enclave/contracts';
import type { ConversationRecord, MembershipRecord } from './conversation.record.js';

export const CONVERSATION_COLUMNS = `c.id, c.kind, c.name, c.topic, c.purpose, c.created_by, c.created_at, c.updated_at, c.archived_at, c.last_seq, c.last_message_at, c.member_count`;

export const MEMBER_COLUMNS = `m.conversation_id AS m_conversation_id, m.user_id AS m_user_id, m.role AS m_role, m.notify_level AS m_notify_level,
  m.muted AS m_muted, m.last_read_seq AS m_last_read_seq, m.last_read_at AS m_last_read_at, m.joined_seq AS m_joined_seq, m.joined_at AS m_joined_at`;

/**
 * Unread and mention counts of member `m` in conversation `c` for user $1, from seqs alone:
 * messages by others after the read mark, not deleted, scanning at most 1000 (UNREAD_COUNT_CAP).
 * Thread replies count as mentions but not as unread channel messages.
 */
export const UNREAD_COUNTS_LATERAL = `
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE x.thread_root_id IS NULL)::int AS unread_count,
           count(*) FILTER (WHERE x.mention)::int AS mention_count
      FROM (SELECT thread_root_id, (mention_all IS NOT NULL OR $1::uuid = ANY (mentioned_user_ids)) AS mention
              FROM message
             WHERE conversation_id = c.id AND seq > m.last_read_seq AND kind = 'user' AND deleted_at IS NULL AND sender_id <> $1::uuid
             ORDER BY seq
             LIMIT 1000) x
  ) u`;

/** Members of DMs and group DMs ride along (at most 16); channels list theirs separately. */
export const DIRECT_MEMBER_IDS = `
  CASE WHEN c.kind IN ('dm', 'group_dm')
       THEN (SELECT array_agg(x.user_id ORDER BY x.user_id) FROM conversation_member x WHERE x.conversation_id = c.id)
  END AS member_ids`;

export interface ConversationRow {
  id: string;
  kind: ConversationKind;
  name: string | null;
  topic: string;
  purpose: string;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
  last_seq: string;
  last_message_at: Date | null;
  member_count: number;
}

export interface MemberColumns {
  m_conversation_id: string | null;
  m_user_id: string | null;
  m_role: MemberRole | null;
  m_notify_level: NotifyLevel | null;
  m_muted: boolean | null;
  m_last_read_seq: string | null;
  m_last_read_at: Date | null;
  m_joined_seq: string | null;
  m_joined_at: Date | null;
}

export type ConversationWithMemberRow = ConversationRow &
  MemberColumns & {
    member_ids?: string[] | null;
    unread_count?: number;
    mention_count?: number;
  };

export function toConversationRecord(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    topic: row.topic,
    purpose: row.purpose,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
    lastSeq: Number(row.last_seq),
    lastMessageAt: row.last_message_at,
    memberCount: row.member_count,
  };
}

export function toMembershipRecord(row: MemberColumns): MembershipRecord | undefined {
  if (!row.m_user_id || !row.m_conversation_id) return undefined;
  return {
    conversationId: row.m_conversation_id,
    userId: row.m_user_id,
    role: row.m_role ?? 'member',
    notifyLevel: row.m_notify_level ?? 'all',
    muted: row.m_muted ?? false,
    lastReadSeq: Number(row.m_last_read_seq ?? 0),
    lastReadAt: row.m_last_read_at,
    joinedSeq: Number(row.m_joined_seq ?? 0),
    joinedAt: row.m_joined_at ?? new Date(0),
  };
}
