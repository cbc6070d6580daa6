import { Inject, Injectable } from '@nestjs/common';
import { actingUserId, Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import type { MessageResponse, ReactionRequest } from '@enclave/contracts';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import { EventRecorder } from '../events/event-recorder.js';
import { MESSAGING_SETTINGS, type MessagingSettings } from '../messaging-settings.js';
import { ConversationAccess } from '../policy/conversation-access.js';
import { assertCanReact } from '../policy/conversation.policy.js';
import { asMessageNotFound } from '../policy/message-visibility.js';
import { normaliseReaction } from '../text/emoji.js';
import { toMessageResponse } from './message-response.mapper.js';
import { MessagesRepository } from './messages.repository.js';
import { ReactionsRepository } from './reactions.repository.js';

/**
 * Emoji reactions (members only, not in archived conversations). `toggle` flips yours;
 * `add`/`remove` are idempotent for retries. Reaction changes serialise on the conversation
 * lock (they take a seq), which also makes the distinct-emoji limit exact.
 */
@Injectable()
export class ReactionsService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Inject(ConversationAccess) private readonly access: ConversationAccess,
    @Inject(MessagesRepository) private readonly messages: MessagesRepository,
    @Inject(ReactionsRepository) private readonly reactions: ReactionsRepository,
    @Inject(EventRecorder) private readonly events: EventRecorder,
  ) {}

  async react(actor: Actor, messageId: string, request: ReactionRequest): Promise<MessageResponse> {
    const userId = actingUserId(actor);
    const emoji = normaliseReaction(request.emoji);
    if (emoji === undefined) throw new MessagingException(MessagingErrorCode.InvalidEmoji, 'Reactions are a Unicode emoji or a :shortcode:.');
    const action = request.action ?? 'toggle';
    return this.tx.run(async () => {
      const found = await this.messages.findById(messageId);
      if (!found) throw MessagingException.messageNotFound();
      await asMessageNotFound(async () => assertCanReact(await this.access.lockForUser(found.conversationId, actor), found));
      const message = await this.messages.findById(messageId);
      if (!message || message.deletedAt) throw MessagingException.messageNotFound();
      const mine = await this.reactions.exists(message.id, emoji, userId);
      const add = action === 'add' || (action === 'toggle' && !mine);
      const now = this.clock.now();
      let count: number | undefined;
      if (add && !mine) {
        const stats = await this.reactions.emojiStats(message.id, emoji);
        if (!stats.hasEmoji && stats.distinct >= this.settings.maxReactionsPerMessage) {
          throw new MessagingException(MessagingErrorCode.TooManyReactions, `A message can have at most ${this.settings.maxReactionsPerMessage} different reactions.`, {
            max: this.settings.maxReactionsPerMessage,
          });
        }
        count = await this.reactions.add(message.id, emoji, userId, now);
      } else if (!add && mine) {
        count = await this.reactions.remove(message.id, emoji, userId);
      }
      if (count !== undefined) {
        await this.events.conversation(
          message.conversationId,
          'reaction.changed',
          { conversationId: message.conversationId, messageId: message.id, emoji, userId, added: add, count },
          now,
        );
      }
      const summaries = await this.reactions.summaries([message.id], userId);
      return toMessageResponse(message, summaries.get(message.id) ?? []);
    });
  }
}
