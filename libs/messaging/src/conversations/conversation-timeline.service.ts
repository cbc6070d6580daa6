import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { MessagingException } from '../errors/messaging.exception.js';
import { ConversationsRepository } from './conversations.repository.js';
import { SystemMessages, type SystemMessageType } from './system-messages.js';

/** System message types other modules post into a conversation (meetings' timeline). */
export type TimelineMessageType = Extract<SystemMessageType, `meeting_${string}`>;

/**
 * What other modules may write into a conversation: system messages of their own kind, with
 * a seq like every message (so clients render and catch them up like any other). Joins the
 * caller's transaction and takes the conversation lock for the seq.
 */
@Injectable()
export class ConversationTimelineService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(ConversationsRepository) private readonly conversations: ConversationsRepository,
    @Inject(SystemMessages) private readonly system: SystemMessages,
  ) {}

  async post(conversationId: string, actorUserId: string, type: TimelineMessageType, data: Record<string, unknown>, text: string): Promise<void> {
    await this.tx.run(async () => {
      const conversation = await this.conversations.lock(conversationId);
      if (!conversation) throw MessagingException.conversationNotFound();
      await this.system.post(conversationId, actorUserId, type, data, text, this.clock.now());
    });
  }
}
