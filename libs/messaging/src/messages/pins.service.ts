import { Inject, Injectable } from '@nestjs/common';
import { actingUserId, Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { MAX_PINS_PER_CONVERSATION, type MessageListResponse, type MessageResponse } from '@enclave/contracts';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import { EventRecorder } from '../events/event-recorder.js';
import { ConversationAccess } from '../policy/conversation-access.js';
import { assertCanPin, assertCanRead } from '../policy/conversation.policy.js';
import { asMessageNotFound } from '../policy/message-visibility.js';
import { toMessageResponse } from './message-response.mapper.js';
import { MessagesRepository } from './messages.repository.js';
import { ReactionsRepository } from './reactions.repository.js';

/** Pinned messages: any member pins or unpins (idempotent); at most 100 per conversation. */
@Injectable()
export class PinsService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(ConversationAccess) private readonly access: ConversationAccess,
    @Inject(MessagesRepository) private readonly messages: MessagesRepository,
    @Inject(ReactionsRepository) private readonly reactions: ReactionsRepository,
    @Inject(EventRecorder) private readonly events: EventRecorder,
  ) {}

  pin(actor: Actor, messageId: string): Promise<MessageResponse> {
    return this.setPinned(actor, messageId, true);
  }

  unpin(actor: Actor, messageId: string): Promise<MessageResponse> {
    return this.setPinned(actor, messageId, false);
  }

  async list(actor: Actor, conversationId: string): Promise<MessageListResponse> {
    const userId = actingUserId(actor);
    assertCanRead(await this.access.readForUser(conversationId, actor));
    const pins = await this.messages.listPins(conversationId, MAX_PINS_PER_CONVERSATION);
    const reactions = await this.reactions.summaries(pins.map((m) => m.id), userId);
    return { items: pins.map((m) => toMessageResponse(m, reactions.get(m.id) ?? [])) };
  }

  private async setPinned(actor: Actor, messageId: string, pinned: boolean): Promise<MessageResponse> {
    const userId = actingUserId(actor);
    return this.tx.run(async () => {
      const found = await this.messages.findById(messageId);
      if (!found) throw MessagingException.messageNotFound();
      await asMessageNotFound(async () => assertCanPin(await this.access.lockForUser(found.conversationId, actor), found));
      let message = await this.messages.findById(messageId, { lock: true });
      if (!message || message.deletedAt) throw MessagingException.messageNotFound();
      if ((message.pinnedAt !== null) !== pinned) {
        const now = this.clock.now();
        const conversationId = message.conversationId;
        if (pinned) {
          if ((await this.messages.countPins(conversationId)) >= MAX_PINS_PER_CONVERSATION) {
            throw new MessagingException(MessagingErrorCode.TooManyPins, `A conversation can have at most ${MAX_PINS_PER_CONVERSATION} pinned messages.`);
          }
          message = await this.messages.setPinned(message.id, { at: now, by: userId });
          await this.events.conversation(conversationId, 'message.pinned', { conversationId, messageId: message.id, pinnedBy: userId, pinnedAt: now.toISOString() }, now);
        } else {
          message = await this.messages.setPinned(message.id, null);
          await this.events.conversation(conversationId, 'message.unpinned', { conversationId, messageId: message.id, by: userId }, now);
        }
      }
      const reactions = await this.reactions.summaries([message.id], userId);
      return toMessageResponse(message, reactions.get(message.id) ?? []);
    });
  }
}
