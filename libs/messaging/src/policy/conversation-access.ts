import { Inject, Injectable } from '@nestjs/common';
import { actingUserId } from '@enclave/core';
import type { Actor } from '@enclave/core';
import { AbilityService, ConversationSubjects, type ActorAbility } from '@enclave/authz';
import type { ConversationForUser, ConversationRecord, MembershipRecord } from '../conversations/conversation.record.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { MembersRepository } from '../conversations/members.repository.js';
import { MessagingException } from '../errors/messaging.exception.js';
import type { AccessSubject } from './conversation.policy.js';

export interface LockedSubject extends AccessSubject {
  readonly view: ConversationForUser;
}

/**
 * Loads what the policy decides on: the conversation, the actor's membership, the actor's
 * ability (cached per session) and the conversation's scheme grants for the actor's channel
 * role. Writers lock the conversation row first (the seq lock, which also serialises
 * membership changes) and read the membership afterwards, so a member removed a moment ago
 * cannot slip a message in.
 */
@Injectable()
export class ConversationAccess {
  constructor(
    @Inject(ConversationsRepository) private readonly conversations: ConversationsRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(AbilityService) private readonly abilities: AbilityService,
    @Inject(ConversationSubjects) private readonly subjects: ConversationSubjects,
  ) {}

  /** For writes, inside a transaction. Unknown conversations are CONVERSATION_NOT_FOUND. */
  async lockForUser(conversationId: string, actor: Actor): Promise<AccessSubject> {
    const userId = actingUserId(actor);
    // Before the row lock: a cache miss reads the grants without holding up other writers.
    const ability = await this.abilities.usable(actor);
    const conversation = await this.conversations.lock(conversationId);
    if (!conversation) throw MessagingException.conversationNotFound();
    const membership = await this.members.find(conversationId, userId);
    return this.subject(ability, conversation, membership);
  }

  /**
   * `lockForUser` for several actors at once (grouped sends): one row lock, one membership read.
   * An actor whose ability is refused gets that error in its place; the others their subject.
   */
  async lockForUsers(conversationId: string, actors: readonly Actor[]): Promise<Array<AccessSubject | Error>> {
    const abilities = await Promise.all(actors.map((actor) => this.abilities.usable(actor).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
    const conversation = await this.conversations.lock(conversationId);
    if (!conversation) throw MessagingException.conversationNotFound();
    const memberships = await this.members.findMany(conversationId, [...new Set(actors.map(actingUserId))]);
    return Promise.all(abilities.map((ability) => (ability instanceof Error ? Promise.resolve(ability) : this.subject(ability, conversation, memberships.get(ability.userId)))));
  }

  /** For reads: one statement, optionally with the caller's unread counts. */
  async readForUser(conversationId: string, actor: Actor, options: { counts?: boolean } = {}): Promise<LockedSubject> {
    const userId = actingUserId(actor);
    const ability = await this.abilities.usable(actor);
    const view = await this.conversations.findForUser(conversationId, userId, options);
    if (!view) throw MessagingException.conversationNotFound();
    return { ...(await this.subject(ability, view.conversation, view.membership)), view };
  }

  /** The actor's ability (cached per session; expired guests are refused here). */
  ability(actor: Actor): Promise<ActorAbility> {
    return this.abilities.usable(actor);
  }

  async subject(ability: ActorAbility, conversation: ConversationRecord, membership: MembershipRecord | undefined): Promise<AccessSubject> {
    const attributes = await this.subjects.attributes(conversation, membership?.role ?? null);
    return { userId: ability.userId, ability, conversation, membership, attributes };
  }
}
