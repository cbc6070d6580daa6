import type { ConversationKind, MemberRole, NotifyLevel } from '@enclave/contracts';

/** A conversation as the messaging module works with it; never returned to clients as is. */
export interface ConversationRecord {
  readonly id: string;
  readonly kind: ConversationKind;
  readonly name: string | null;
  readonly topic: string;
  readonly purpose: string;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly archivedAt: Date | null;
  readonly lastSeq: number;
  readonly lastMessageAt: Date | null;
  readonly memberCount: number;
}

export interface MembershipRecord {
  readonly conversationId: string;
  readonly userId: string;
  readonly role: MemberRole;
  readonly notifyLevel: NotifyLevel;
  readonly muted: boolean;
  readonly lastReadSeq: number;
  readonly lastReadAt: Date | null;
  readonly joinedSeq: number;
  readonly joinedAt: Date;
}

/** A conversation seen by one user: their membership (if any) and, for members, their counts. */
export interface ConversationForUser {
  readonly conversation: ConversationRecord;
  readonly membership: MembershipRecord | undefined;
  /** DM and group DM members (small, fixed sets); undefined for channels. */
  readonly memberIds?: readonly string[] | undefined;
  readonly counts?: UnreadCounts | undefined;
}

export interface UnreadCounts {
  readonly unread: number;
  readonly mentions: number;
}

export function isChannel(conversation: ConversationRecord): boolean {
  return conversation.kind === 'public_channel' || conversation.kind === 'private_channel';
}

export function isDirect(conversation: ConversationRecord): boolean {
  return conversation.kind === 'dm' || conversation.kind === 'group_dm';
}
