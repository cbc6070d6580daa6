import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { actingUserId, Clock, newId, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AbilityService, UserSubjects, markDenied } from '@enclave/authz';
import { GROUP_DM_MAX_MEMBERS, GROUP_DM_MIN_MEMBERS, Permission, type ConversationResponse, type OpenDirectRequest, type OpenGroupRequest } from '@enclave/contracts';
import { UserDirectoryRepository } from '../directory/user-directory.repository.js';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import { EventRecorder } from '../events/event-recorder.js';
import { toConversationResponse } from './conversation-response.mapper.js';
import type { ConversationForUser } from './conversation.record.js';
import { publicView } from './conversations.service.js';
import { ConversationsRepository } from './conversations.repository.js';
import { MembersRepository } from './members.repository.js';

/**
 * The unique key of a DM (the sorted pair; a DM with yourself is `a:a`) or of a group DM (a
 * hash of the sorted member set). The unique index on it makes "open" idempotent and race-free.
 */
export function directKey(memberIds: readonly string[]): string {
  const sorted = [...memberIds].map((id) => id.toLowerCase()).sort();
  if (sorted.length <= 2) return `dm:${sorted[0]}:${sorted[1] ?? sorted[0]}`;
  return `group:${createHash('sha256').update(sorted.join(',')).digest('hex')}`;
}

/** Direct messages (1:1) and group DMs (3-16 people): opened explicitly or on first message. */
@Injectable()
export class DirectConversationsService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(ConversationsRepository) private readonly conversations: ConversationsRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(UserDirectoryRepository) private readonly directory: UserDirectoryRepository,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(AbilityService) private readonly abilities: AbilityService,
    @Inject(UserSubjects) private readonly userSubjects: UserSubjects,
  ) {}

  /** The DM with one person (yourself included), created on first open. */
  async openDirect(actor: Actor, request: OpenDirectRequest): Promise<ConversationResponse> {
    const userId = actingUserId(actor);
    return this.open(actor, userId, 'dm', [...new Set([userId, request.userId.toLowerCase()])]);
  }

  /** The group DM of exactly this set of people (you are always in it). */
  async openGroup(actor: Actor, request: OpenGroupRequest): Promise<ConversationResponse> {
    const userId = actingUserId(actor);
    const memberIds = [...new Set([userId, ...request.userIds.map((id) => id.toLowerCase())])];
    if (memberIds.length < GROUP_DM_MIN_MEMBERS || memberIds.length > GROUP_DM_MAX_MEMBERS) {
      throw new MessagingException(
        MessagingErrorCode.GroupDmSize,
        `A group DM has ${GROUP_DM_MIN_MEMBERS} to ${GROUP_DM_MAX_MEMBERS} members including you; use a DM for two people or a channel for more.`,
        { min: GROUP_DM_MIN_MEMBERS, max: GROUP_DM_MAX_MEMBERS, requested: memberIds.length },
      );
    }
    return this.open(actor, userId, 'group_dm', memberIds);
  }

  private async open(actor: Actor, userId: string, kind: 'dm' | 'group_dm', memberIds: readonly string[]): Promise<ConversationResponse> {
    const dmKey = directKey(memberIds);
    const existing = await this.conversations.findByDmKey(dmKey, userId);
    if (existing?.membership) return this.respond(existing.conversation.id, userId);
    await this.assertMayMessage(actor, kind, memberIds);
    return this.tx.run(async () => {
      const others = memberIds.filter((id) => id !== userId);
      const active = await this.directory.activeUserIds(others);
      const missing = others.filter((id) => !active.has(id));
      if (missing.length > 0) throw new MessagingException(MessagingErrorCode.UserNotFound, 'Some users do not exist or are deactivated.', { userIds: missing });
      const id = newId();
      const now = this.clock.now();
      // A concurrent open of the same pair waits here for the winner, then finds its row.
      const inserted = await this.conversations.insert({ id, kind, name: null, topic: '', purpose: '', dmKey, createdBy: userId, createdAt: now });
      if (!inserted) {
        const winner = await this.conversations.findByDmKey(dmKey, userId);
        if (!winner?.membership) throw MessagingException.conversationNotFound();
        return this.respond(winner.conversation.id, userId);
      }
      await this.members.insertMany(id, memberIds.map((u) => ({ userId: u, role: 'member' as const, joinedSeq: 1 })), now);
      const memberCount = await this.conversations.adjustMemberCount(id, memberIds.length);
      const view = await this.requireView(id, userId);
      await this.events.conversationBatch(
        id,
        [
          { type: 'conversation.created', payload: { conversation: publicView({ ...view, conversation: { ...view.conversation, lastSeq: 1 } }) } },
          ...memberIds.map((u) => ({ type: 'member.joined' as const, payload: { conversationId: id, userId: u, role: 'member' as const, by: u === userId ? null : userId, memberCount } })),
        ],
        now,
      );
      const final = await this.requireView(id, userId, true);
      // Every member's view is the same here (all plain members, nothing read yet).
      await this.events.user(memberIds, 'conversation.added', { conversation: toConversationResponse(final), by: userId }, now);
      return toConversationResponse(final);
    });
  }

  /**
   * Whom you may start a conversation with (user.policy: guests only people they already share
   * a conversation with). Refused people are reported like unknown ones, so a guest cannot
   * probe which user ids exist; the refusal is still audited as a denial.
   */
  private async assertMayMessage(actor: Actor, kind: 'dm' | 'group_dm', memberIds: readonly string[]): Promise<void> {
    const ability = await this.abilities.usable(actor);
    const subjects = await this.userSubjects.load(ability, memberIds);
    const action = kind === 'dm' ? 'directMessage' : 'groupMessage';
    const refused = memberIds.filter((id) => {
      const subject = subjects.get(id);
      return subject !== undefined && !ability.can(action, subject);
    });
    if (refused.length > 0) {
      throw markDenied(
        new MessagingException(MessagingErrorCode.UserNotFound, 'Some users do not exist or are deactivated.', { userIds: refused }),
        kind === 'dm' ? Permission.DirectMessageCreate : Permission.GroupMessageCreate,
      );
    }
  }

  private async respond(conversationId: string, userId: string): Promise<ConversationResponse> {
    return toConversationResponse(await this.requireView(conversationId, userId, true));
  }

  private async requireView(conversationId: string, userId: string, counts = false): Promise<ConversationForUser> {
    const view = await this.conversations.findForUser(conversationId, userId, { counts });
    if (!view) throw MessagingException.conversationNotFound();
    return view;
  }
}
