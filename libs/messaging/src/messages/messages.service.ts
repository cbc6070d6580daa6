import { Inject, Injectable, Logger } from '@nestjs/common';
import { actingUserId, Clock, newId, type Actor } from '@enclave/core';
import { TransactionContext, isUniqueViolation } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import type { EditMessageRequest, MessageResponse, SendDirectMessageRequest, SendMessageRequest, ThreadUpdate } from '@enclave/contracts';
import { DirectConversationsService } from '../conversations/direct-conversations.service.js';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import { conversationEvent } from '../events/domain-event.js';
import { EventRecorder } from '../events/event-recorder.js';
import { ConversationAccess } from '../policy/conversation-access.js';
import {
  assertCanDelete,
  assertCanEdit,
  assertCanMentionEveryone,
  assertCanPost,
  assertCanSee,
  assertNotArchived,
  type AccessSubject,
} from '../policy/conversation.policy.js';
import { asMessageNotFound } from '../policy/message-visibility.js';
import { ThreadActivity } from '../threads/thread-activity.js';
import { MessageComposer, type ResolvedMentions } from './message-composer.js';
import { toMessageResponse, toThreadUpdate } from './message-response.mapper.js';
import { newMessageRecord, type MessageRecord, type NewMessage } from './message.record.js';
import { MessagesRepository } from './messages.repository.js';
import { ReactionsRepository } from './reactions.repository.js';
import { SendQueue } from './send-queue.js';
import type { ParsedMentions } from '../text/mentions.js';

export interface SendResult {
  readonly message: MessageResponse;
  /** False when `clientMsgId` matched an earlier send: the stored message is returned as it is. */
  readonly created: boolean;
}

const CLIENT_MSG_INDEX = 'message_client_msg_key';

/** A top-level send waiting in the SendQueue for its conversation's next transaction. */
interface PendingSend {
  readonly actor: Actor;
  readonly userId: string;
  readonly request: SendMessageRequest;
  readonly parsed: ParsedMentions;
  readonly clientMsgId: string | null;
  readonly resolve: (result: SendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** What one send of a group comes to inside the transaction. */
type GroupOutcome = { readonly error: unknown } | { readonly previous: MessageRecord } | { readonly draft: number; readonly copy: boolean };

/**
 * Sending, editing and deleting messages. The send path is one transaction of a handful of
 * statements: lock the conversation row (the seq lock), read the membership (and a previous
 * send with the same clientMsgId), resolve mentions if any, then one statement that takes the
 * next seq, stores the message and appends its event. Nothing is written per member.
 * Top-level sends to one conversation that arrive while this node's previous transaction for it
 * is under way share the next one (SendQueue): same checks per send, consecutive seqs in
 * arrival order, one lock, one commit, each acked after it.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(ConversationAccess) private readonly access: ConversationAccess,
    @Inject(MessagesRepository) private readonly messages: MessagesRepository,
    @Inject(ReactionsRepository) private readonly reactions: ReactionsRepository,
    @Inject(MessageComposer) private readonly composer: MessageComposer,
    @Inject(ThreadActivity) private readonly threadActivity: ThreadActivity,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DirectConversationsService) private readonly direct: DirectConversationsService,
    @Inject(SendQueue) private readonly queue: SendQueue,
  ) {}

  /**
   * Sends to a person: opens (or creates) your DM with them, then sends. Both steps are
   * idempotent, so a retry with the same clientMsgId returns the stored message.
   */
  async sendDirect(actor: Actor, request: SendDirectMessageRequest): Promise<SendResult> {
    this.composer.check(request.text);
    const dm = await this.direct.openDirect(actor, { userId: request.userId });
    const { userId: _recipient, ...message } = request;
    return this.send(actor, dm.id, message);
  }

  /**
   * Posts a message (a thread reply with `threadRootId`). Resolves after commit with the stored
   * message and its seq; a resend with the same `clientMsgId` returns the stored message
   * without consuming a seq, also when the copies race.
   */
  async send(actor: Actor, conversationId: string, request: SendMessageRequest): Promise<SendResult> {
    const userId = actingUserId(actor);
    const parsed = this.composer.check(request.text);
    const clientMsgId = this.composer.checkClientMsgId(request.clientMsgId);
    // Thread replies lock their root and update its counters: each takes its own transaction.
    if (request.threadRootId) return this.sendOne(actor, conversationId, request, parsed, clientMsgId);
    return new Promise<SendResult>((resolve, reject) =>
      this.queue.submit<PendingSend>(conversationId, { actor, userId, request, parsed, clientMsgId, resolve, reject }, (group) =>
        // sendGroup settles every send itself; should it ever throw, no ack may hang (rejecting a settled send is a no-op).
        this.sendGroup(conversationId, group).catch((error: unknown) => {
          for (const pending of group) pending.reject(error);
        }),
      ),
    );
  }

  /** One send in its own transaction (thread replies; groups of one; a failed group, send by send). */
  private async sendOne(actor: Actor, conversationId: string, request: SendMessageRequest, parsed: ParsedMentions, clientMsgId: string | null): Promise<SendResult> {
    const userId = actingUserId(actor);
    const threadRootId = request.threadRootId ? request.threadRootId.toLowerCase() : null;
    try {
      return await this.tx.run(async () => {
        const subject = await this.access.lockForUser(conversationId, actor);
        assertCanSee(subject);
        if (clientMsgId !== null) {
          // After the lock: a racing copy of this send has committed by now, or never will.
          const previous = await this.messages.findByClientMsgId(userId, clientMsgId);
          if (previous) return { message: await this.replay(previous, conversationId, threadRootId, userId), created: false };
        }
        assertCanPost(subject);
        if (parsed.special) assertCanMentionEveryone(subject);
        const mentions = await this.composer.resolve(parsed);
        const now = this.clock.now();
        const expectedSeq = subject.conversation.lastSeq + 1;
        let root: MessageRecord | undefined;
        let thread: ThreadUpdate | null = null;
        if (threadRootId !== null) {
          root = await this.requireThreadRoot(threadRootId, conversationId);
          thread = toThreadUpdate(root.id, await this.messages.addReply(root.id, expectedSeq, userId, now));
        }
        const draft = userMessage(conversationId, userId, clientMsgId, request.text, mentions, threadRootId, now);
        const seq = await this.messages.insertWithEvent(draft, { thread });
        // Cannot happen while we hold the row lock; if it ever did, roll back rather than store a wrong thread seq.
        if (seq !== expectedSeq) throw new Error(`conversation ${conversationId} seq moved under the lock (${expectedSeq} expected, ${seq} taken)`);
        const record = newMessageRecord(draft, seq);
        const message = toMessageResponse(record);
        await this.events.publishAfterCommit([conversationEvent(conversationId, seq, 'message.created', { message, thread }, now)]);
        if (root && thread) await this.threadActivity.replied(root, record, thread, now);
        return { message, created: true };
      });
    } catch (error) {
      // Only a copy of this send racing in another conversation gets here (same-conversation
      // copies serialise on the lock); the failed transaction consumed no seq.
      if (clientMsgId !== null && isUniqueViolation(error, CLIENT_MSG_INDEX)) {
        const previous = await this.messages.findByClientMsgId(userId, clientMsgId);
        if (previous) return { message: await this.replay(previous, conversationId, threadRootId, userId), created: false };
      }
      throw error;
    }
  }

  /**
   * Several top-level sends to one conversation in one transaction. Each send gets the checks
   * `sendOne` makes (visibility, an earlier send with its clientMsgId, posting, @channel) and its
   * own outcome; copies of one (sender, clientMsgId) within the group store one message. If the
   * transaction fails as a whole (e.g. a copy racing in another conversation hit the unique
   * index), nothing was stored and each send runs again on its own.
   */
  private async sendGroup(conversationId: string, group: PendingSend[]): Promise<void> {
    if (group.length === 1) {
      const [one] = group;
      return this.sendOne(one.actor, conversationId, one.request, one.parsed, one.clientMsgId).then(one.resolve, one.reject);
    }
    let results: Array<{ ok: true; value: SendResult } | { ok: false; error: unknown }>;
    try {
      results = await this.tx.run(async () => {
        const subjects = await this.access.lockForUsers(conversationId, group.map((p) => p.actor));
        const previous = await this.messages.findByClientMsgIds(group.flatMap((p) => (p.clientMsgId === null ? [] : [{ senderId: p.userId, clientMsgId: p.clientMsgId }])));
        const now = this.clock.now();
        const drafts: NewMessage[] = [];
        const draftByKey = new Map<string, number>();
        const outcomes: GroupOutcome[] = [];
        for (const [k, pending] of group.entries()) {
          try {
            const subject = subjects[k];
            if (subject instanceof Error) throw subject;
            assertCanSee(subject);
            const key = pending.clientMsgId === null ? undefined : `${pending.userId}\n${pending.clientMsgId}`;
            const earlier = key === undefined ? undefined : previous.get(key);
            if (earlier) {
              outcomes.push({ previous: earlier });
              continue;
            }
            const copyOf = key === undefined ? undefined : draftByKey.get(key);
            if (copyOf !== undefined) {
              // A resend racing its original: the stored message, not created again (as sendOne answers a resend).
              outcomes.push({ draft: copyOf, copy: true });
              continue;
            }
            assertCanPost(subject);
            if (pending.parsed.special) assertCanMentionEveryone(subject);
            const mentions = await this.composer.resolve(pending.parsed);
            drafts.push(userMessage(conversationId, pending.userId, pending.clientMsgId, pending.request.text, mentions, null, now));
            if (key !== undefined) draftByKey.set(key, drafts.length - 1);
            outcomes.push({ draft: drafts.length - 1, copy: false });
          } catch (error) {
            outcomes.push({ error });
          }
        }
        const created: MessageResponse[] = [];
        if (drafts.length > 0) {
          const expected = (subjects.find((s): s is AccessSubject => !(s instanceof Error))?.conversation.lastSeq ?? -1) + 1;
          const first = await this.messages.insertManyWithEvents(conversationId, drafts, now, { thread: null });
          if (first !== expected) throw new Error(`conversation ${conversationId} seq moved under the lock (${expected} expected, ${first} taken)`);
          drafts.forEach((draft, i) => created.push(toMessageResponse(newMessageRecord(draft, first + i))));
          await this.events.publishAfterCommit(created.map((message) => conversationEvent(conversationId, message.seq, 'message.created', { message, thread: null }, now)));
        }
        return Promise.all(
          outcomes.map(async (outcome, k) => {
            if ('error' in outcome) return { ok: false as const, error: outcome.error };
            if ('draft' in outcome) return { ok: true as const, value: { message: created[outcome.draft], created: !outcome.copy } };
            try {
              return { ok: true as const, value: { message: await this.replay(outcome.previous, conversationId, null, group[k].userId), created: false } };
            } catch (error) {
              return { ok: false as const, error };
            }
          }),
        );
      });
    } catch (error) {
      // Nothing of the group was stored: each send on its own, in order (each then gets its own outcome).
      if (group.length > 1) this.logger.debug({ err: error, conversationId, sends: group.length }, 'grouped send failed; retrying send by send');
      for (const pending of group) await this.sendOne(pending.actor, conversationId, pending.request, pending.parsed, pending.clientMsgId).then(pending.resolve, pending.reject);
      return;
    }
    results.forEach((result, k) => (result.ok ? group[k].resolve(result.value) : group[k].reject(result.error)));
  }

  /** Replaces the text (author only); the previous text is kept as a revision. */
  async edit(actor: Actor, messageId: string, request: EditMessageRequest): Promise<MessageResponse> {
    const userId = actingUserId(actor);
    const parsed = this.composer.check(request.text);
    return this.tx.run(async () => {
      const { subject, message } = await this.lockMessage(messageId, actor);
      if (message.deletedAt) throw MessagingException.messageNotFound();
      assertCanEdit(subject, message, this.clock.now());
      assertNotArchived(subject.conversation);
      if (message.text === request.text) return toMessageResponse(message, await this.reactionsOf(message.id, userId));
      if (parsed.special && !message.mentionAll) assertCanMentionEveryone(subject);
      const mentions = await this.composer.resolve(parsed);
      const now = this.clock.now();
      const updated = await this.messages.edit(message, {
        text: request.text,
        mentionedUserIds: mentions.userIds,
        mentionedNames: mentions.unresolved,
        mentionAll: mentions.special,
        by: userId,
        at: now,
      });
      // One read of the reactions: the editor's view, and the broadcast is the same without the viewer's `me`.
      const reactions = await this.reactionsOf(updated.id, userId);
      const broadcast = toMessageResponse(updated, reactions.map(({ me: _me, ...summary }) => summary));
      await this.events.conversationBatch(message.conversationId, [{ type: 'message.updated', payload: { message: broadcast }, stored: {}, messageId: message.id }], now);
      return toMessageResponse(updated, reactions);
    });
  }

  /**
   * Hides a message from users (the sender, a channel admin or an administrator); the original
   * stays for compliance. Deleting someone else's message is audited. Repeating is a no-op.
   */
  async delete(actor: Actor, messageId: string): Promise<void> {
    const userId = actingUserId(actor);
    await this.tx.run(async () => {
      const { subject, message } = await this.lockMessage(messageId, actor);
      if (message.deletedAt) return;
      assertNotArchived(subject.conversation);
      const { moderation } = assertCanDelete(subject, message, this.clock.now());
      const now = this.clock.now();
      const deleted = await this.messages.markDeleted(message.id, userId, now);
      const thread = message.threadRootId ? toThreadUpdate(message.threadRootId, await this.messages.removeReply(message.threadRootId)) : null;
      await this.events.conversation(
        message.conversationId,
        'message.deleted',
        { conversationId: message.conversationId, messageId: message.id, threadRootId: message.threadRootId, deletedAt: now.toISOString(), thread },
        now,
      );
      if (moderation) {
        await this.audit.record(actor, {
          action: AuditAction.MessagingMessageDeletedByModerator,
          target: { type: 'message', id: message.id },
          outcome: 'success',
          details: { conversationId: message.conversationId, authorId: message.senderId, seq: message.seq, deletedAt: deleted.deletedAt },
        });
      }
    });
  }

  /** Under the conversation lock; a message the caller may not see is MESSAGE_NOT_FOUND. */
  private async lockMessage(messageId: string, actor: Actor): Promise<{ subject: AccessSubject; message: MessageRecord }> {
    const found = await this.messages.findById(messageId);
    if (!found) throw MessagingException.messageNotFound();
    const subject = await asMessageNotFound(async () => {
      const s = await this.access.lockForUser(found.conversationId, actor);
      assertCanSee(s);
      return s;
    });
    const message = await this.messages.findById(messageId, { lock: true });
    if (!message) throw MessagingException.messageNotFound();
    return { subject, message };
  }

  private async requireThreadRoot(rootId: string, conversationId: string): Promise<MessageRecord> {
    const root = await this.messages.findById(rootId, { lock: true });
    if (!root || root.conversationId !== conversationId || root.deletedAt) {
      throw new MessagingException(MessagingErrorCode.InvalidThreadRoot, 'The thread root is not a message of this conversation.');
    }
    if (root.threadRootId !== null || root.kind === 'system') {
      throw new MessagingException(MessagingErrorCode.InvalidThreadRoot, 'Only top-level messages can have threads.');
    }
    return root;
  }

  /** A resend: the stored message, unless the id was used for something else. */
  private async replay(previous: MessageRecord, conversationId: string, threadRootId: string | null, userId: string): Promise<MessageResponse> {
    if (previous.conversationId !== conversationId || previous.threadRootId !== threadRootId) {
      throw new MessagingException(MessagingErrorCode.ClientMsgIdConflict, 'This clientMsgId was already used for a different message.');
    }
    return toMessageResponse(previous, await this.reactionsOf(previous.id, userId));
  }

  private async reactionsOf(messageId: string, viewerId: string | undefined) {
    return (await this.reactions.summaries([messageId], viewerId)).get(messageId) ?? [];
  }
}

/** A user's message as `sendOne` and `sendGroup` store it. */
function userMessage(
  conversationId: string,
  senderId: string,
  clientMsgId: string | null,
  text: string,
  mentions: ResolvedMentions,
  threadRootId: string | null,
  createdAt: Date,
): NewMessage {
  return {
    id: newId(),
    conversationId,
    senderId,
    clientMsgId,
    kind: 'user',
    systemType: null,
    systemData: null,
    text,
    mentionedUserIds: mentions.userIds,
    mentionedNames: mentions.unresolved,
    mentionAll: mentions.special,
    threadRootId,
    createdAt,
  };
}
