import { Inject, Injectable } from '@nestjs/common';
import { type HistoryQuery, type MessageHistoryResponse, type MessageResponse, type MessageRevisionListResponse } from '@enclave/contracts';
import { actingUserId } from '@enclave/core';
import type { Actor } from '@enclave/core';
import { historyLimit } from '../db/cursors.js';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import { ConversationAccess } from '../policy/conversation-access.js';
import { assertCanRead } from '../policy/conversation.policy.js';
import { asMessageNotFound } from '../policy/message-visibility.js';
import { toMessageResponse, toRevisionResponses } from './message-response.mapper.js';
import type { MessageRecord } from './message.record.js';
import { MessagesRepository } from './messages.repository.js';
import { ReactionsRepository } from './reactions.repository.js';

/** Reading messages: one message, history by seq ranges or around a message, edit history. */
@Injectable()
export class MessageQueriesService {
  constructor(
    @Inject(ConversationAccess) private readonly access: ConversationAccess,
    @Inject(MessagesRepository) private readonly messages: MessagesRepository,
    @Inject(ReactionsRepository) private readonly reactions: ReactionsRepository,
  ) {}

  async get(actor: Actor, messageId: string): Promise<MessageResponse> {
    const userId = actingUserId(actor);
    const message = await this.readable(messageId, actor);
    return (await this.render([message], userId))[0];
  }

  /**
   * Top-level messages, oldest first. No bounds: the latest page. `before`/`after` page by seq
   * (exclusive, combinable into a range); `around` centres the page on a message.
   */
  async history(actor: Actor, conversationId: string, query: HistoryQuery = {}): Promise<MessageHistoryResponse> {
    const userId = actingUserId(actor);
    assertCanRead(await this.access.readForUser(conversationId, actor));
    const limit = historyLimit(query.limit);
    if (query.around !== undefined) {
      if (query.before !== undefined || query.after !== undefined) {
        throw new MessagingException(MessagingErrorCode.InvalidRange, '`around` cannot be combined with `before` or `after`.');
      }
      return this.around(conversationId, query.around.toLowerCase(), limit, userId);
    }
    const { after, before } = query;
    if (after !== undefined && before !== undefined && after >= before) {
      throw new MessagingException(MessagingErrorCode.InvalidRange, '`after` must be smaller than `before`.');
    }
    if (after !== undefined && before === undefined) {
      const rows = await this.messages.topLevelRange(conversationId, { afterSeq: after, beforeSeq: undefined, from: 'oldest', limit });
      const items = rows.slice(0, limit);
      return {
        items: await this.render(items, userId),
        hasMoreBefore: after > 0 && (await this.messages.hasTopLevel(conversationId, 'before', after)),
        hasMoreAfter: rows.length > limit,
      };
    }
    const rows = await this.messages.topLevelRange(conversationId, { afterSeq: after, beforeSeq: before, from: 'newest', limit });
    const items = rows.length > limit ? rows.slice(1) : rows;
    return {
      items: await this.render(items, userId),
      hasMoreBefore: rows.length > limit,
      hasMoreAfter: before !== undefined && (await this.messages.hasTopLevel(conversationId, 'after', before)),
    };
  }

  /** The author's view of every version of their message, oldest first. */
  async revisions(actor: Actor, messageId: string): Promise<MessageRevisionListResponse> {
    const userId = actingUserId(actor);
    const message = await this.readable(messageId, actor);
    if (message.deletedAt) throw MessagingException.messageNotFound();
    if (message.senderId !== userId) throw new MessagingException(MessagingErrorCode.NotMessageAuthor, 'Only the author can see the edit history.');
    return { messageId: message.id, items: toRevisionResponses(message, await this.messages.revisions(message.id)) };
  }

  private async around(conversationId: string, anchorId: string, limit: number, userId: string): Promise<MessageHistoryResponse> {
    const anchor = await this.messages.findById(anchorId);
    if (!anchor || anchor.conversationId !== conversationId || anchor.threadRootId !== null) throw MessagingException.messageNotFound();
    const olderLimit = Math.floor((limit - 1) / 2);
    const newerLimit = limit - olderLimit;
    const older = olderLimit === 0 ? [] : await this.messages.topLevelRange(conversationId, { afterSeq: undefined, beforeSeq: anchor.seq, from: 'newest', limit: olderLimit });
    const newer = await this.messages.topLevelRange(conversationId, { afterSeq: anchor.seq - 1, beforeSeq: undefined, from: 'oldest', limit: newerLimit });
    const items = [...(older.length > olderLimit ? older.slice(1) : older), ...newer.slice(0, newerLimit)];
    return {
      items: await this.render(items, userId),
      hasMoreBefore: olderLimit === 0 ? await this.messages.hasTopLevel(conversationId, 'before', anchor.seq - 1) : older.length > olderLimit,
      hasMoreAfter: newer.length > newerLimit,
    };
  }

  private async readable(messageId: string, actor: Actor): Promise<MessageRecord> {
    const message = await this.messages.findById(messageId);
    if (!message) throw MessagingException.messageNotFound();
    await asMessageNotFound(async () => assertCanRead(await this.access.readForUser(message.conversationId, actor)));
    return message;
  }

  private async render(messages: readonly MessageRecord[], viewerId: string): Promise<MessageResponse[]> {
    const reactions = await this.reactions.summaries(
      messages.filter((m) => !m.deletedAt).map((m) => m.id),
      viewerId,
    );
    return messages.map((m) => toMessageResponse(m, reactions.get(m.id) ?? []));
  }
}
