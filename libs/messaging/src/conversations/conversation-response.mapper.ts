import type { ConversationResponse, MemberResponse, MembershipResponse } from '@enclave/contracts';
import type { ConversationForUser, MembershipRecord } from './conversation.record.js';
import type { MemberListItem } from './members.repository.js';

/**
 * The only shape a conversation leaves the server in. `membership` and the counts are the
 * caller's own; broadcast events use `forUser` without a membership.
 */
export function toConversationResponse(v: ConversationForUser): ConversationResponse {
  const c = v.conversation;
  const member = v.membership;
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    topic: c.topic,
    purpose: c.purpose,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    archived: c.archivedAt !== null,
    archivedAt: c.archivedAt === null ? null : c.archivedAt.toISOString(),
    lastSeq: c.lastSeq,
    lastMessageAt: c.lastMessageAt === null ? null : c.lastMessageAt.toISOString(),
    memberCount: c.memberCount,
    memberIds: v.memberIds ? [...v.memberIds] : null,
    membership: member ? toMembershipResponse(member) : null,
    unreadCount: member && v.counts ? v.counts.unread : null,
    mentionCount: member && v.counts ? v.counts.mentions : null,
  };
}

export function toMembershipResponse(m: MembershipRecord): MembershipResponse {
  return {
    role: m.role,
    notifyLevel: m.notifyLevel,
    muted: m.muted,
    lastReadSeq: m.lastReadSeq,
    joinedSeq: m.joinedSeq,
    joinedAt: m.joinedAt.toISOString(),
  };
}

export function toMemberResponse(m: MemberListItem): MemberResponse {
  return { userId: m.userId, role: m.role, joinedAt: m.joinedAt.toISOString() };
}
