import { Inject, Injectable } from '@nestjs/common';
import type { ConversationForUser, ConversationRecord, MembershipRecord } from '../conversations/conversation.record.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { MembersRepository } from '../conversations/members.repository.js';
import { UserDirectoryRepository } from '../directory/user-directory.repository.js';
import { MessagingException } from '../errors/messaging.exception.js';
import type { AccessSubject } from './conversation.policy.js';

export interface LockedSubject extends AccessSubject {
  readonly view: ConversationForUser;
}

/**
 * Loads what the policy decides on. Writers lock the conversation row first (the seq lock,
 * which also serialises membership changes) and read the membership afterwards, so a member
 * removed a moment ago cannot slip a message in.
 */
@Injectable()
export class ConversationAccess {
  constructor(
    @Inject(ConversationsRepository) private readonly conversations: ConversationsRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(UserDirectoryRepository) private readonly directory: UserDirectoryRepository,
  ) {}

  /** For writes, inside a transaction. Unknown conversations are CONVERSATION_NOT_FOUND. */
  async lockForUser(conversationId: string, userId: string): Promise<AccessSubject> {
    const conversation = await this.conversations.lock(conversationId);
    if (!conversation) throw MessagingException.conversationNotFound();
    const membership = await this.members.find(conversationId, userId);
    return this.subject(userId, conversation, membership);
  }

  /** For reads: one statement, optionally with the caller's unread counts. */
  async readForUser(conversationId: string, userId: string, options: { counts?: boolean } = {}): Promise<LockedSubject> {
    const view = await this.conversations.findForUser(conversationId, userId, options);
    if (!view) throw MessagingException.conversationNotFound();
    return { ...this.subject(userId, view.conversation, view.membership), view };
  }

  subject(userId: string, conversation: ConversationRecord, membership: MembershipRecord | undefined): AccessSubject {
    let admin: Promise<boolean> | undefined;
    return {
      userId,
      conversation,
      membership,
      isSystemAdmin: () => (admin ??= this.directory.isSystemAdmin(userId)),
    };
  }
}
