import type { ConversationResponse } from './conversation-response.dto.js';
import type { MessageResponse } from './message-response.dto.js';
import type { MemberRole, NotifyLevel } from './messaging-limits.js';
import type { ThreadSummaryResponse } from './thread-summary-response.dto.js';

/**
 * The messaging event contract, live (WebSocket) and on catch-up (`/api/v1/sync`) alike.
 * Conversation events carry the conversation's seq: a client that saw up to seq S asks for
 * everything after S and gets it in order, gap-free. User events carry the user's own stream
 * seq (the "user cursor"). Type names are stable: never rename one, add new ones.
 *
 * Apply events as idempotent upserts: message views carry the message's current state
 * (a catch-up returns a deleted message as a tombstone even in its `message.created` event),
 * and reaction events carry the resulting count.
 */
export interface ConversationEventPayloads {
  'conversation.created': { conversation: ConversationResponse };
  'conversation.updated': { conversation: ConversationResponse; changes: ConversationChanges };
  'conversation.archived': { conversationId: string; by: string };
  'conversation.unarchived': { conversationId: string; by: string };
  'member.joined': { conversationId: string; userId: string; role: MemberRole; by: string | null; memberCount: number };
  'member.left': { conversationId: string; userId: string; reason: 'left' | 'removed'; by: string | null; memberCount: number };
  'message.created': { message: MessageResponse; thread: ThreadUpdate | null };
  'message.updated': { message: MessageResponse };
  'message.deleted': { conversationId: string; messageId: string; threadRootId: string | null; deletedAt: string; thread: ThreadUpdate | null };
  'reaction.changed': { conversationId: string; messageId: string; emoji: string; userId: string; added: boolean; count: number };
  'message.pinned': { conversationId: string; messageId: string; pinnedBy: string; pinnedAt: string };
  'message.unpinned': { conversationId: string; messageId: string; by: string };
  /** DMs and group DMs only: a member's read mark moved (read receipts). */
  'read.receipt': { conversationId: string; userId: string; lastReadSeq: number };
}

export interface UserEventPayloads {
  /** You joined, were invited or a DM was opened with you. */
  'conversation.added': { conversation: ConversationResponse; by: string | null };
  'conversation.removed': { conversationId: string; reason: 'left' | 'removed'; by: string | null };
  'membership.updated': { conversationId: string; notifyLevel: NotifyLevel; muted: boolean };
  'read.updated': { conversationId: string; lastReadSeq: number; unreadCount: number; mentionCount: number };
  'thread.follow_changed': { conversationId: string; rootId: string; following: boolean };
  /** A followed thread got a reply (your thread inbox changed). */
  'thread.updated': { conversationId: string; rootId: string; thread: ThreadSummaryResponse; replyId: string; replySenderId: string; mentioned: boolean };
  'thread.read': { conversationId: string; rootId: string; lastReadSeq: number };
}

/** The thread root's counters after a reply was added or deleted. */
export interface ThreadUpdate extends ThreadSummaryResponse {
  rootId: string;
}

export interface ConversationChanges {
  name?: { from: string | null; to: string | null };
  topic?: { from: string; to: string };
  purpose?: { from: string; to: string };
}

export type ConversationEventType = keyof ConversationEventPayloads;
export type UserEventType = keyof UserEventPayloads;

export const CONVERSATION_EVENT_TYPES: readonly ConversationEventType[] = [
  'conversation.created',
  'conversation.updated',
  'conversation.archived',
  'conversation.unarchived',
  'member.joined',
  'member.left',
  'message.created',
  'message.updated',
  'message.deleted',
  'reaction.changed',
  'message.pinned',
  'message.unpinned',
  'read.receipt',
];

export const USER_EVENT_TYPES: readonly UserEventType[] = [
  'conversation.added',
  'conversation.removed',
  'membership.updated',
  'read.updated',
  'thread.follow_changed',
  'thread.updated',
  'thread.read',
];

/** The wire envelope of a conversation event (what `DomainEvent.json` holds). */
export interface ConversationEventEnvelope<T extends ConversationEventType = ConversationEventType> {
  conversationId: string;
  seq: number;
  type: T;
  payload: ConversationEventPayloads[T];
  createdAt: string;
}

/** The wire envelope of a user event. */
export interface UserEventEnvelope<T extends UserEventType = UserEventType> {
  seq: number;
  type: T;
  payload: UserEventPayloads[T];
  createdAt: string;
}
