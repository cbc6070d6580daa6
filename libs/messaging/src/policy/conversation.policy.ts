import type { ConversationRecord, MembershipRecord } from '../conversations/conversation.record.js';
import { isChannel } from '../conversations/conversation.record.js';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import type { MessageRecord } from '../messages/message.record.js';

/**
 * Every messaging permission decision, in one place, until CASL policies replace it (the
 * authz issue swaps these functions for ability checks). Each function throws the error the
 * caller must see, or returns. Deny by default: anything not allowed here is refused.
 *
 * Visibility: a private channel, DM or group DM is invisible to non-members (404, never 403),
 * so its existence does not leak. System administrators may see and moderate channels (not
 * DMs) without being members, but not read their messages.
 */
export interface AccessSubject {
  readonly userId: string;
  readonly conversation: ConversationRecord;
  readonly membership: MembershipRecord | undefined;
  /** Evaluated lazily: most decisions never need it. */
  readonly isSystemAdmin: () => Promise<boolean>;
}

export async function assertCanSee(s: AccessSubject): Promise<void> {
  if (s.membership || s.conversation.kind === 'public_channel') return;
  if (s.conversation.kind === 'private_channel' && (await s.isSystemAdmin())) return;
  throw MessagingException.conversationNotFound();
}

/** History, pins, threads: members, and anyone for public channels (preview before joining). */
export async function assertCanRead(s: AccessSubject): Promise<void> {
  await assertCanSee(s);
  if (s.membership || s.conversation.kind === 'public_channel') return;
  throw MessagingException.notAMember();
}

/** Posting, reacting, pinning, editing: members of a conversation that is not archived. */
export async function assertCanPost(s: AccessSubject): Promise<void> {
  await assertCanSee(s);
  if (!s.membership) throw MessagingException.notAMember();
  assertNotArchived(s.conversation);
}

export function assertNotArchived(conversation: ConversationRecord): void {
  if (conversation.archivedAt) throw MessagingException.archived();
}

/** Joining without an invitation: public channels only (callers treat existing members as done). */
export function assertCanJoin(s: AccessSubject): void {
  if (s.conversation.kind !== 'public_channel') throw MessagingException.conversationNotFound();
  assertNotArchived(s.conversation);
}

export async function assertCanLeave(s: AccessSubject): Promise<void> {
  await assertCanSee(s);
  if (!s.membership) throw MessagingException.notAMember();
  if (!isChannel(s.conversation)) throw kindError('Direct messages cannot be left.');
  assertNotArchived(s.conversation);
}

/** Inviting: any member of a channel (Slack's default; private channels included). */
export async function assertCanInvite(s: AccessSubject): Promise<void> {
  await assertCanPost(s);
  if (!isChannel(s.conversation)) throw kindError('Members of a direct message are fixed; open a new group DM instead.');
}

/** Topic and purpose: any member of a channel. */
export async function assertCanSetTopic(s: AccessSubject): Promise<void> {
  await assertCanPost(s);
  if (!isChannel(s.conversation)) throw kindError('Direct messages have no topic or purpose.');
}

/** Rename, remove members, archive: channel admins and system administrators. */
export async function assertCanManage(s: AccessSubject, options: { allowArchived?: boolean } = {}): Promise<void> {
  await assertCanSee(s);
  if (!isChannel(s.conversation)) throw kindError('Only channels can be renamed, archived or have members removed.');
  if (!options.allowArchived) assertNotArchived(s.conversation);
  if (s.membership?.role === 'channel_admin') return;
  if (await s.isSystemAdmin()) return;
  throw new MessagingException(MessagingErrorCode.NotChannelAdmin, 'Only channel admins can do this.');
}

/** @channel / @here notify everyone: channel admins and system admins in channels; anyone in DMs. */
export async function assertCanMentionEveryone(s: AccessSubject): Promise<void> {
  if (!isChannel(s.conversation)) return;
  if (s.membership?.role === 'channel_admin') return;
  if (await s.isSystemAdmin()) return;
  throw new MessagingException(MessagingErrorCode.MentionNotAllowed, 'Only channel admins can notify the whole channel with @channel or @here.');
}

export function assertCanEdit(s: AccessSubject, message: MessageRecord): void {
  if (message.kind === 'system') throw new MessagingException(MessagingErrorCode.SystemMessageImmutable, 'System messages cannot be changed.');
  if (message.senderId !== s.userId) throw new MessagingException(MessagingErrorCode.NotMessageAuthor, 'Only the author can edit a message.');
}

/** Returns whether the deletion is a moderation (someone else's message): those are audited. */
export async function assertCanDelete(s: AccessSubject, message: MessageRecord): Promise<{ moderation: boolean }> {
  if (message.kind === 'system') throw new MessagingException(MessagingErrorCode.SystemMessageImmutable, 'System messages cannot be changed.');
  if (message.senderId === s.userId) return { moderation: false };
  if (isChannel(s.conversation) && s.membership?.role === 'channel_admin') return { moderation: true };
  if (await s.isSystemAdmin()) return { moderation: true };
  throw new MessagingException(MessagingErrorCode.NotAllowedToDelete, 'Only the author, a channel admin or an administrator can delete this message.');
}

function kindError(message: string): MessagingException {
  return new MessagingException(MessagingErrorCode.NotAllowedForKind, message);
}
