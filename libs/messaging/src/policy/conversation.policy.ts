import { Permission } from '@enclave/contracts';
import { AuthzException, conversationSubject, markDenied, messageSubject, type ActorAbility, type ConversationAttributes } from '@enclave/authz';
import type { ConversationRecord, MembershipRecord } from '../conversations/conversation.record.js';
import { isChannel } from '../conversations/conversation.record.js';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import type { MessageRecord } from '../messages/message.record.js';

/**
 * Messaging's permission decisions, made by the actor's CASL ability (policies in
 * @enclave/authz: conversation.policy, message.policy) against subjects built from the
 * records loaded here, plus the state rules that are not permissions (archived channels are
 * read-only, system messages immutable, DMs have fixed members). Each function throws the
 * error the caller must see, or returns; refusals keep messaging's stable codes and are
 * marked for the denial audit. Deny by default: anything CASL does not allow is refused.
 *
 * Visibility: a private channel, DM or group DM is invisible to non-members (404, never 403),
 * so its existence does not leak; so are public channels to guests. Holders of
 * channel.moderate.any (system administrators) see and moderate channels, not DMs, without
 * being members, but do not read their messages.
 */
export interface AccessSubject {
  readonly userId: string;
  readonly ability: ActorAbility;
  readonly conversation: ConversationRecord;
  readonly membership: MembershipRecord | undefined;
  /** The conversation as CASL sees it for this actor: channel role and the scheme's grants for it. */
  readonly attributes: ConversationAttributes;
}

type MessageFacts = Pick<MessageRecord, 'id' | 'senderId' | 'kind' | 'createdAt'>;

function can(s: AccessSubject, action: string): boolean {
  return s.ability.can(action, conversationSubject(s.attributes));
}

function canOnMessage(s: AccessSubject, action: string, message: MessageFacts | undefined, now?: Date): boolean {
  const ageSeconds = message && now ? Math.max(0, (now.getTime() - message.createdAt.getTime()) / 1000) : undefined;
  const facts = message ? { id: message.id, senderId: message.senderId, kind: message.kind, ageSeconds } : {};
  return s.ability.can(action, messageSubject({ ...facts, conversation: s.attributes }));
}

/** Creating a channel of this kind (public and private are separate permissions; guests have neither). */
export function assertCanCreate(ability: ActorAbility, kind: 'public_channel' | 'private_channel'): void {
  if (ability.can('create', conversationSubject({ id: '', kind, archived: false, role: null, grants: [] }))) return;
  throw AuthzException.forbidden(kind === 'public_channel' ? Permission.ChannelCreatePublic : Permission.ChannelCreatePrivate, 'You may not create this kind of channel.');
}

export function assertCanSee(s: AccessSubject): void {
  if (!can(s, 'view')) throw markDenied(MessagingException.conversationNotFound(), Permission.ChannelRead);
}

/** History, pins, members, threads: members, and public channels for those who may browse (preview before joining). */
export function assertCanRead(s: AccessSubject): void {
  assertCanSee(s);
  if (!canOnMessage(s, 'read', undefined)) throw markDenied(MessagingException.notAMember(), Permission.MessageRead);
}

/** Your own membership's business (read marks, following, notification settings). */
export function assertMember(s: AccessSubject): void {
  assertCanSee(s);
  if (!s.membership) throw markDenied(MessagingException.notAMember(), Permission.ChannelRead);
}

/** Posting: members of a conversation that is not archived, where the scheme lets their channel role post. */
export function assertCanPost(s: AccessSubject): void {
  assertWritableMember(s);
  if (!can(s, 'post')) throw AuthzException.forbidden(Permission.MessageCreate, 'Your role may not post in this conversation.');
}

export function assertCanReact(s: AccessSubject, message: MessageFacts): void {
  assertWritableMember(s);
  if (!canOnMessage(s, 'react', message)) throw AuthzException.forbidden(Permission.MessageReact, 'Your role may not react in this conversation.');
}

export function assertCanPin(s: AccessSubject, message: MessageFacts): void {
  assertWritableMember(s);
  if (!canOnMessage(s, 'pin', message)) throw AuthzException.forbidden(Permission.MessagePin, 'Your role may not pin messages in this conversation.');
}

export function assertNotArchived(conversation: ConversationRecord): void {
  if (conversation.archivedAt) throw MessagingException.archived();
}

/** Joining without an invitation: public channels only (callers treat existing members as done). */
export function assertCanJoin(s: AccessSubject): void {
  assertCanSee(s);
  if (s.conversation.kind !== 'public_channel') throw markDenied(MessagingException.conversationNotFound(), Permission.ChannelJoin);
  assertNotArchived(s.conversation);
  if (!can(s, 'join')) throw AuthzException.forbidden(Permission.ChannelJoin);
}

export function assertCanLeave(s: AccessSubject): void {
  assertMember(s);
  if (!isChannel(s.conversation)) throw kindError('Direct messages cannot be left.');
  assertNotArchived(s.conversation);
  if (!can(s, 'leave')) throw AuthzException.forbidden(Permission.ChannelLeave);
}

/** Inviting: channel members whose role the scheme lets invite (every member by default; never guests). */
export function assertCanInvite(s: AccessSubject): void {
  assertWritableMember(s);
  if (!isChannel(s.conversation)) throw kindError('Members of a direct message are fixed; open a new group DM instead.');
  if (!can(s, 'invite')) throw AuthzException.forbidden(Permission.ChannelInvite, 'Your role may not invite people to this channel.');
}

/** Topic and purpose: channel members whose role the scheme allows (every member by default). */
export function assertCanSetTopic(s: AccessSubject): void {
  assertWritableMember(s);
  if (!isChannel(s.conversation)) throw kindError('Direct messages have no topic or purpose.');
  if (!can(s, 'update')) throw AuthzException.forbidden(Permission.ChannelUpdate);
}

const MANAGE_PERMISSIONS = { rename: Permission.ChannelRename, archive: Permission.ChannelArchive, removeMember: Permission.ChannelRemoveMember } as const;

/** Rename, archive, remove members: channel admins (by the scheme) and channel moderators. */
export function assertCanManage(s: AccessSubject, action: keyof typeof MANAGE_PERMISSIONS, options: { allowArchived?: boolean } = {}): void {
  assertCanSee(s);
  if (!isChannel(s.conversation)) throw kindError('Only channels can be renamed, archived or have members removed.');
  if (!options.allowArchived) assertNotArchived(s.conversation);
  if (can(s, action)) return;
  throw markDenied(new MessagingException(MessagingErrorCode.NotChannelAdmin, 'Only channel admins can do this.'), MANAGE_PERMISSIONS[action]);
}

/** @channel / @here notify everyone: channel admins (by the scheme) and moderators in channels; anyone in DMs. */
export function assertCanMentionEveryone(s: AccessSubject): void {
  if (can(s, 'mentionChannel')) return;
  throw markDenied(
    new MessagingException(MessagingErrorCode.MentionNotAllowed, 'Only channel admins can notify the whole channel with @channel or @here.'),
    Permission.MessageMentionChannel,
  );
}

/** Your own messages, as a member, within the edit window if one is configured. */
export function assertCanEdit(s: AccessSubject, message: MessageRecord, now: Date): void {
  if (message.kind === 'system') throw new MessagingException(MessagingErrorCode.SystemMessageImmutable, 'System messages cannot be changed.');
  if (canOnMessage(s, 'update', message, now)) return;
  if (message.senderId !== s.userId) throw markDenied(new MessagingException(MessagingErrorCode.NotMessageAuthor, 'Only the author can edit a message.'), Permission.MessageEditOwn);
  assertMember(s);
  throw AuthzException.forbidden(Permission.MessageEditOwn, 'This message can no longer be edited.');
}

/** Returns whether the deletion is a moderation (someone else's message): those are audited. */
export function assertCanDelete(s: AccessSubject, message: MessageRecord, now: Date): { moderation: boolean } {
  if (message.kind === 'system') throw new MessagingException(MessagingErrorCode.SystemMessageImmutable, 'System messages cannot be changed.');
  if (canOnMessage(s, 'delete', message, now)) return { moderation: message.senderId !== s.userId };
  throw markDenied(
    new MessagingException(MessagingErrorCode.NotAllowedToDelete, 'Only the author, a channel admin or an administrator can delete this message.'),
    message.senderId === s.userId ? Permission.MessageDeleteOwn : Permission.MessageDeleteAny,
  );
}

function assertWritableMember(s: AccessSubject): void {
  assertMember(s);
  assertNotArchived(s.conversation);
}

function kindError(message: string): MessagingException {
  return new MessagingException(MessagingErrorCode.NotAllowedForKind, message);
}
