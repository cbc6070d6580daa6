import { Inject, Injectable } from '@nestjs/common';
import { actingUserId, Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import type {
  ConversationResponse,
  InviteMembersRequest,
  MemberListResponse,
  MembershipResponse,
  PageQuery,
  UpdateMembershipRequest,
} from '@enclave/contracts';
import { decodeKeyCursor, encodeKeyCursor, pageLimit } from '../db/cursors.js';
import { UserDirectoryRepository } from '../directory/user-directory.repository.js';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import { EventRecorder } from '../events/event-recorder.js';
import { ConversationAccess } from '../policy/conversation-access.js';
import { assertCanInvite, assertCanJoin, assertCanLeave, assertCanManage, assertCanRead, assertMember, assertNotArchived } from '../policy/conversation.policy.js';
import { toConversationResponse, toMemberResponse, toMembershipResponse } from './conversation-response.mapper.js';
import { isChannel, type ConversationForUser, type MembershipRecord } from './conversation.record.js';
import { ConversationsRepository } from './conversations.repository.js';
import { MembersRepository } from './members.repository.js';
import { SystemMessages } from './system-messages.js';

/**
 * Who is in a conversation: join, leave, invite, remove, and each member's own preferences.
 * Every change is a conversation event (so members' clients update the member list), a system
 * message, and a user event for the person concerned (so all their devices add or drop it).
 */
@Injectable()
export class MembershipService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(ConversationAccess) private readonly access: ConversationAccess,
    @Inject(ConversationsRepository) private readonly conversations: ConversationsRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(UserDirectoryRepository) private readonly directory: UserDirectoryRepository,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemMessages) private readonly system: SystemMessages,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Joins a public channel; already being a member is success. */
  async join(actor: Actor, conversationId: string): Promise<ConversationResponse> {
    const userId = actingUserId(actor);
    return this.tx.run(async () => {
      const subject = await this.access.lockForUser(conversationId, actor);
      if (!subject.membership) {
        assertCanJoin(subject);
        const now = this.clock.now();
        const joinedSeqs = await this.addMembers(conversationId, subject.conversation.memberCount, [userId], null, now);
        await this.system.post(conversationId, userId, 'member_joined', { userId }, 'joined the channel', now);
        await this.announceAdded(conversationId, joinedSeqs, null, now);
      }
      return toConversationResponse(await this.requireView(conversationId, userId));
    });
  }

  async leave(actor: Actor, conversationId: string): Promise<void> {
    const userId = actingUserId(actor);
    await this.tx.run(async () => {
      const subject = await this.access.lockForUser(conversationId, actor);
      assertCanLeave(subject);
      const now = this.clock.now();
      await this.system.post(conversationId, userId, 'member_left', { userId }, 'left the channel', now);
      await this.removeMember(conversationId, userId, 'left', null, now);
    });
  }

  /** Adds users to a channel (any member may invite); existing members are skipped. */
  async invite(actor: Actor, conversationId: string, request: InviteMembersRequest): Promise<ConversationResponse> {
    const userId = actingUserId(actor);
    const candidates = [...new Set(request.userIds)].filter((id) => id !== userId);
    return this.tx.run(async () => {
      const subject = await this.access.lockForUser(conversationId, actor);
      assertCanInvite(subject);
      const active = await this.directory.activeUserIds(candidates);
      const missing = candidates.filter((id) => !active.has(id));
      if (missing.length > 0) throw new MessagingException(MessagingErrorCode.UserNotFound, 'Some users do not exist or are deactivated.', { userIds: missing });
      const existing = await this.members.existingMemberIds(conversationId, candidates);
      const added = candidates.filter((id) => !existing.has(id));
      if (added.length > 0) {
        const now = this.clock.now();
        const joinedSeqs = await this.addMembers(conversationId, subject.conversation.memberCount, added, userId, now);
        await this.system.post(conversationId, userId, 'members_added', { userIds: added, by: userId }, `added ${added.length} member(s)`, now);
        await this.announceAdded(conversationId, joinedSeqs, userId, now);
      }
      return toConversationResponse(await this.requireView(conversationId, userId));
    });
  }

  /** Removes someone else (channel admins and administrators). Audited. */
  async remove(actor: Actor, conversationId: string, targetUserId: string): Promise<void> {
    const userId = actingUserId(actor);
    if (targetUserId === userId) throw new MessagingException(MessagingErrorCode.CannotRemoveSelf, 'Leave the conversation instead of removing yourself.');
    await this.tx.run(async () => {
      const subject = await this.access.lockForUser(conversationId, actor);
      assertCanManage(subject, 'removeMember');
      const target = await this.members.find(conversationId, targetUserId);
      if (!target) throw new MessagingException(MessagingErrorCode.MemberNotFound, 'That user is not a member of this conversation.');
      const now = this.clock.now();
      await this.system.post(conversationId, userId, 'member_removed', { userId: targetUserId, by: userId }, 'removed a member', now);
      await this.removeMember(conversationId, targetUserId, 'removed', userId, now);
      await this.audit.record(actor, {
        action: AuditAction.MessagingChannelMemberRemoved,
        target: { type: 'conversation', id: conversationId },
        outcome: 'success',
        before: { userId: targetUserId, role: target.role },
        details: { removedUserId: targetUserId },
      });
    });
  }

  /** Your notification level and mute; every device of yours hears about it. */
  async updateMyMembership(actor: Actor, conversationId: string, request: UpdateMembershipRequest): Promise<MembershipResponse> {
    const userId = actingUserId(actor);
    return this.tx.run(async () => {
      const subject = await this.access.readForUser(conversationId, actor);
      assertMember(subject);
      if (!subject.membership) throw MessagingException.notAMember();
      const changed = (request.notifyLevel !== undefined && request.notifyLevel !== subject.membership.notifyLevel) || (request.muted !== undefined && request.muted !== subject.membership.muted);
      if (!changed) return toMembershipResponse(subject.membership);
      const updated = await this.members.updatePreferences(conversationId, userId, { notifyLevel: request.notifyLevel, muted: request.muted });
      if (!updated) throw MessagingException.notAMember();
      await this.events.user([userId], 'membership.updated', { conversationId, notifyLevel: updated.notifyLevel, muted: updated.muted }, this.clock.now());
      return toMembershipResponse(updated);
    });
  }

  async listMembers(actor: Actor, conversationId: string, query: PageQuery = {}): Promise<MemberListResponse> {
    const subject = await this.access.readForUser(conversationId, actor);
    assertCanRead(subject);
    const limit = pageLimit(query.limit);
    const after = decodeKeyCursor(query.cursor);
    const rows = await this.members.list(conversationId, after?.id, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toMemberResponse), nextCursor: rows.length > limit && last ? encodeKeyCursor('', last.userId) : null };
  }

  /**
   * Membership managed from outside the channel (groups linked to channels, account
   * administration): the caller has authorised the change, so the actor need not be a member.
   * Channels only, not archived; inactive users and existing members are skipped. Same events
   * and system message as an invite. Joins the caller's transaction; returns the ids added.
   */
  async addManaged(actor: Actor, conversationId: string, userIds: readonly string[]): Promise<string[]> {
    return this.tx.run(async () => {
      const conversation = await this.conversations.lock(conversationId);
      if (!conversation || !isChannel(conversation)) throw MessagingException.conversationNotFound();
      assertNotArchived(conversation);
      const active = await this.directory.activeUserIds([...new Set(userIds)]);
      const existing = await this.members.existingMemberIds(conversationId, [...active]);
      const added = [...active].filter((id) => !existing.has(id)).sort();
      if (added.length === 0) return [];
      const by = actor.userId ?? null;
      const now = this.clock.now();
      const joinedSeqs = await this.addMembers(conversationId, conversation.memberCount, added, by, now);
      await this.system.post(conversationId, by ?? added[0], 'members_added', { userIds: added, by }, `added ${added.length} member(s)`, now);
      await this.announceAdded(conversationId, joinedSeqs, by, now);
      return added;
    });
  }

  /** The counterpart of addManaged: removes those of `userIds` who are members; returns them. */
  async removeManaged(actor: Actor, conversationId: string, userIds: readonly string[]): Promise<string[]> {
    return this.tx.run(async () => {
      const conversation = await this.conversations.lock(conversationId);
      if (!conversation || !isChannel(conversation)) return [];
      const members = [...(await this.members.existingMemberIds(conversationId, [...new Set(userIds)]))].sort();
      const by = actor.userId ?? null;
      const now = this.clock.now();
      for (const userId of members) {
        await this.system.post(conversationId, by ?? userId, 'member_removed', { userId, by }, 'removed a member', now);
        await this.removeMember(conversationId, userId, 'removed', by, now);
      }
      return members;
    });
  }

  /** Under the conversation lock: one member.joined event each, their rows from that seq on. */
  private async addMembers(conversationId: string, countBefore: number, userIds: readonly string[], by: string | null, now: Date): Promise<Map<string, number>> {
    const memberCount = countBefore + userIds.length;
    const joined = await this.events.conversationBatch(
      conversationId,
      userIds.map((u) => ({ type: 'member.joined' as const, payload: { conversationId, userId: u, role: 'member' as const, by, memberCount } })),
      now,
    );
    const seqs = new Map(userIds.map((u, i) => [u, joined[i].audience.seq]));
    await this.members.insertMany(
      conversationId,
      userIds.map((u) => ({ userId: u, role: 'member' as const, joinedSeq: seqs.get(u)! })),
      now,
    );
    await this.conversations.adjustMemberCount(conversationId, userIds.length);
    return seqs;
  }

  private async removeMember(conversationId: string, userId: string, reason: 'left' | 'removed', by: string | null, now: Date): Promise<void> {
    await this.members.delete(conversationId, userId);
    const memberCount = await this.conversations.adjustMemberCount(conversationId, -1);
    await this.events.conversation(conversationId, 'member.left', { conversationId, userId, reason, by, memberCount }, now);
    await this.events.user([userId], 'conversation.removed', { conversationId, reason, by }, now);
  }

  /** Each new member's devices learn about the conversation, with that member's own view. */
  private async announceAdded(conversationId: string, joinedSeqs: ReadonlyMap<string, number>, by: string | null, now: Date): Promise<void> {
    const [first] = joinedSeqs.keys();
    if (first === undefined) return;
    // The counts are set per member below (nothing read yet), so the view is fetched without them.
    const view = await this.conversations.findForUser(conversationId, first);
    if (!view) throw MessagingException.conversationNotFound();
    const entries = [...joinedSeqs].map(([memberId, joinedSeq]) => {
      const membership: MembershipRecord = {
        conversationId,
        userId: memberId,
        role: 'member',
        notifyLevel: 'all',
        muted: false,
        lastReadSeq: joinedSeq,
        lastReadAt: null,
        joinedSeq,
        joinedAt: now,
      };
      const conversation = toConversationResponse({ ...view, membership, counts: { unread: 0, mentions: 0 } });
      return { userId: memberId, type: 'conversation.added' as const, payload: { conversation, by } };
    });
    await this.events.users(entries, now);
  }

  private async requireView(conversationId: string, userId: string): Promise<ConversationForUser> {
    const view = await this.conversations.findForUser(conversationId, userId, { counts: true });
    if (!view) throw MessagingException.conversationNotFound();
    return view;
  }
}

