import { Inject, Injectable } from '@nestjs/common';
import { actingUserId, Clock, type Actor, encodeTimeCursor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuthzException, messageSubject } from '@enclave/authz';
import {
  Permission,
  type MarkReadRequest,
  type PageQuery,
  type ThreadFollowResponse,
  type ThreadInboxResponse,
  type ThreadQuery,
  type ThreadResponse,
} from '@enclave/contracts';
import { decodeTimeCursor, historyLimit, pageLimit } from '../db/cursors.js';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import { EventRecorder } from '../events/event-recorder.js';
import { toMessageResponse } from '../messages/message-response.mapper.js';
import type { MessageRecord } from '../messages/message.record.js';
import { MessagesRepository } from '../messages/messages.repository.js';
import { ReactionsRepository } from '../messages/reactions.repository.js';
import { ConversationAccess } from '../policy/conversation-access.js';
import { assertCanRead, assertMember, type AccessSubject } from '../policy/conversation.policy.js';
import { asMessageNotFound } from '../policy/message-visibility.js';
import { ThreadsRepository } from './threads.repository.js';

/** Threads: reading one, following it, its read mark, and your thread inbox. */
@Injectable()
export class ThreadsService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(ConversationAccess) private readonly access: ConversationAccess,
    @Inject(MessagesRepository) private readonly messages: MessagesRepository,
    @Inject(ReactionsRepository) private readonly reactions: ReactionsRepository,
    @Inject(ThreadsRepository) private readonly threads: ThreadsRepository,
    @Inject(EventRecorder) private readonly events: EventRecorder,
  ) {}

  /** The root and its replies (oldest first, paged with `after`), with your follow state. */
  async getThread(actor: Actor, rootId: string, query: ThreadQuery = {}): Promise<ThreadResponse> {
    const userId = actingUserId(actor);
    const { root } = await this.readableRoot(rootId, actor, assertCanRead);
    const limit = historyLimit(query.limit);
    const rows = await this.messages.replies(root.id, query.after ?? 0, limit);
    const replies = rows.slice(0, limit);
    const membership = await this.threads.find(userId, root.id);
    const rendered = await this.render([root, ...replies], userId);
    return {
      root: rendered[0],
      replies: rendered.slice(1),
      hasMore: rows.length > limit,
      following: membership?.following ?? false,
      lastReadSeq: membership?.lastReadSeq ?? 0,
    };
  }

  follow(actor: Actor, rootId: string): Promise<ThreadFollowResponse> {
    return this.setFollowing(actor, rootId, true);
  }

  unfollow(actor: Actor, rootId: string): Promise<ThreadFollowResponse> {
    return this.setFollowing(actor, rootId, false);
  }

  /** Moves your read mark in the thread forward (never back); your other devices hear about it. */
  async markRead(actor: Actor, rootId: string, request: MarkReadRequest): Promise<ThreadFollowResponse> {
    const userId = actingUserId(actor);
    return this.tx.run(async () => {
      const { root } = await this.readableRoot(rootId, actor, assertMember);
      const seq = Math.min(request.seq, root.lastReplySeq ?? root.seq);
      const now = this.clock.now();
      const advanced = await this.threads.advanceRead(userId, root.id, root.conversationId, seq, now);
      if (advanced !== undefined) await this.events.user([userId], 'thread.read', { conversationId: root.conversationId, rootId: root.id, lastReadSeq: advanced }, now);
      const state = await this.threads.find(userId, root.id);
      return { rootId: root.id, conversationId: root.conversationId, following: state?.following ?? false, lastReadSeq: state?.lastReadSeq ?? 0 };
    });
  }

  /** Threads you follow, latest reply first, with unread replies and mentions since your thread read mark. */
  async inbox(actor: Actor, query: PageQuery = {}): Promise<ThreadInboxResponse> {
    const userId = actingUserId(actor);
    const limit = pageLimit(query.limit);
    const rows = await this.threads.inbox(userId, decodeTimeCursor(query.cursor), limit + 1);
    const page = rows.slice(0, limit);
    const rendered = await this.render(page.map((r) => r.root), userId);
    const last = page.at(-1);
    return {
      items: page.map((r, i) => ({
        conversationId: r.root.conversationId,
        root: rendered[i],
        unreadReplies: r.unreadReplies,
        unreadMentions: r.unreadMentions,
        lastReadSeq: r.lastReadSeq,
      })),
      nextCursor: rows.length > limit && last?.root.lastReplyAt ? encodeTimeCursor(last.root.lastReplyAt, last.root.id) : null,
    };
  }

  private async setFollowing(actor: Actor, rootId: string, following: boolean): Promise<ThreadFollowResponse> {
    const userId = actingUserId(actor);
    return this.tx.run(async () => {
      const { root, subject } = await this.readableRoot(rootId, actor, assertMember);
      if (!subject.ability.can('follow', messageSubject({ id: root.id, senderId: root.senderId, kind: root.kind, conversation: subject.attributes }))) {
        throw AuthzException.forbidden(Permission.ThreadFollow);
      }
      const before = await this.threads.find(userId, root.id);
      const now = this.clock.now();
      const state = await this.threads.setFollowing(userId, root.id, root.conversationId, following, now);
      if ((before?.following ?? false) !== following) {
        await this.events.user([userId], 'thread.follow_changed', { conversationId: root.conversationId, rootId: root.id, following }, now);
      }
      return { rootId: root.id, conversationId: root.conversationId, following: state.following, lastReadSeq: state.lastReadSeq };
    });
  }

  private async readableRoot(rootId: string, actor: Actor, check: (s: AccessSubject) => void): Promise<{ root: MessageRecord; subject: AccessSubject }> {
    const root = await this.messages.findById(rootId);
    if (!root) throw MessagingException.messageNotFound();
    const subject = await asMessageNotFound(async () => {
      const s = await this.access.readForUser(root.conversationId, actor);
      check(s);
      return s;
    });
    if (root.threadRootId !== null) throw new MessagingException(MessagingErrorCode.InvalidThreadRoot, 'This message is a reply; open the thread of its root.');
    return { root, subject };
  }

  private async render(messages: readonly MessageRecord[], viewerId: string) {
    const reactions = await this.reactions.summaries(messages.filter((m) => !m.deletedAt).map((m) => m.id), viewerId);
    return messages.map((m) => toMessageResponse(m, reactions.get(m.id) ?? []));
  }
}

// Following and thread read marks are a member's (assertMember); public-channel readers must join first.
