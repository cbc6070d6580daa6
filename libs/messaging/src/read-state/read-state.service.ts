import { Inject, Injectable } from '@nestjs/common';
import { actingUserId, Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import type { MarkReadRequest, ReadStateResponse, ReceiptListResponse } from '@enclave/contracts';
import { isDirect } from '../conversations/conversation.record.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { MembersRepository } from '../conversations/members.repository.js';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import { EventRecorder } from '../events/event-recorder.js';
import { ConversationAccess } from '../policy/conversation-access.js';
import { assertMember } from '../policy/conversation.policy.js';

/**
 * Read state is per user, not per device: one read mark per member and conversation, moving
 * only forward. Unread and mention counts are computed by SQL from seqs. Marking read tells
 * your other devices (a user event) and, in DMs and group DMs, the other members (a
 * `read.receipt` conversation event).
 */
@Injectable()
export class ReadStateService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(ConversationAccess) private readonly access: ConversationAccess,
    @Inject(ConversationsRepository) private readonly conversations: ConversationsRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(EventRecorder) private readonly events: EventRecorder,
  ) {}

  /** Everything up to `seq` (clamped to the latest) is read; an older seq changes nothing. */
  async markRead(actor: Actor, conversationId: string, request: MarkReadRequest): Promise<ReadStateResponse> {
    const userId = actingUserId(actor);
    return this.tx.run(async () => {
      let subject = await this.access.readForUser(conversationId, actor);
      // Receipts take a conversation seq: lock first, like every conversation writer (lock order).
      if (isDirect(subject.conversation)) subject = { ...subject, ...(await this.access.lockForUser(conversationId, actor)) };
      assertMember(subject);
      if (!subject.membership) throw MessagingException.notAMember();
      const target = Math.min(request.seq, subject.conversation.lastSeq);
      const now = this.clock.now();
      const advanced = await this.members.advanceReadMark(conversationId, userId, target, now);
      const counts = (await this.conversations.unreadCounts(conversationId, userId)) ?? { unread: 0, mentions: 0 };
      const lastReadSeq = advanced ?? subject.membership.lastReadSeq;
      if (advanced !== undefined) {
        if (isDirect(subject.conversation)) await this.events.conversation(conversationId, 'read.receipt', { conversationId, userId, lastReadSeq: advanced }, now);
        await this.events.user([userId], 'read.updated', { conversationId, lastReadSeq: advanced, unreadCount: counts.unread, mentionCount: counts.mentions }, now);
      }
      return { conversationId, lastReadSeq, unreadCount: counts.unread, mentionCount: counts.mentions };
    });
  }

  async readState(actor: Actor, conversationId: string): Promise<ReadStateResponse> {
    const subject = await this.access.readForUser(conversationId, actor, { counts: true });
    assertMember(subject);
    if (!subject.membership) throw MessagingException.notAMember();
    const counts = subject.view.counts ?? { unread: 0, mentions: 0 };
    return { conversationId, lastReadSeq: subject.membership.lastReadSeq, unreadCount: counts.unread, mentionCount: counts.mentions };
  }

  /** Members' read marks in a DM or group DM (who has read up to where). */
  async receipts(actor: Actor, conversationId: string): Promise<ReceiptListResponse> {
    const subject = await this.access.readForUser(conversationId, actor);
    assertMember(subject);
    if (!subject.membership) throw MessagingException.notAMember();
    if (!isDirect(subject.conversation)) {
      throw new MessagingException(MessagingErrorCode.ReceiptsNotAvailable, 'Read receipts are kept for DMs and group DMs only.');
    }
    const rows = await this.members.receipts(conversationId);
    return {
      conversationId,
      items: rows.map((r) => ({ userId: r.userId, lastReadSeq: r.lastReadSeq, lastReadAt: r.lastReadAt === null ? null : r.lastReadAt.toISOString() })),
    };
  }
}
