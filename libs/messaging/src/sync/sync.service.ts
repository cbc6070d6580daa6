import { Inject, Injectable } from '@nestjs/common';
import { actingUserId, isUuid, type Actor } from '@enclave/core';
import {
  SYNC_MAX_CONVERSATIONS,
  isSeqMap,
  type CatchUpRequest,
  type CatchUpResponse,
  type ChangedConversationsQuery,
  type ChangedConversationsResponse,
  type ConversationCatchUpResponse,
  type UserCatchUpResponse,
} from '@enclave/contracts';
import { toConversationResponse } from '../conversations/conversation-response.mapper.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { MembersRepository } from '../conversations/members.repository.js';
import { validationError } from '../errors/validation-error.js';
import { EventLogRepository } from '../events/event-log.repository.js';
import { ReactionsRepository } from '../messages/reactions.repository.js';
import { MESSAGING_SETTINGS, type MessagingSettings } from '../messaging-settings.js';
import { messageFromJson, toConversationEventResponse, toUserEventResponse } from './event-hydration.js';

/**
 * Reconnect support (ARCHITECTURE.md §3): a client sends the last seq it saw per conversation
 * and its user cursor, and gets what it missed in order, gap-free; more than
 * MESSAGING_SYNC_WINDOW events behind (or a seq the server does not know, e.g. after a
 * restore) means "resync": reload and continue from `latestSeq`. Members only get events
 * from while they are members (from their joined seq on).
 *
 * Reads run without a transaction: seqs commit in order, so every read sees a gap-free prefix.
 */
@Injectable()
export class SyncService {
  constructor(
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Inject(EventLogRepository) private readonly log: EventLogRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(ConversationsRepository) private readonly conversations: ConversationsRepository,
    @Inject(ReactionsRepository) private readonly reactions: ReactionsRepository,
  ) {}

  async catchUp(actor: Actor, request: CatchUpRequest): Promise<CatchUpResponse> {
    const userId = actingUserId(actor);
    if (!isSeqMap(request.conversations, SYNC_MAX_CONVERSATIONS)) {
      throw validationError(`conversations must map at most ${SYNC_MAX_CONVERSATIONS} conversation ids to sequence numbers`);
    }
    const requested = Object.entries(request.conversations).map(([id, seq]) => [id.toLowerCase(), seq] as const);
    const states = await this.members.syncStates(userId, requested.map(([id]) => id));
    // One budget per call, so a client far behind everywhere gets bounded responses and calls again.
    let budget = this.settings.syncWindow;
    const conversations: ConversationCatchUpResponse[] = [];
    for (const [conversationId, lastSeen] of requested) {
      const state = states.get(conversationId);
      if (!state) {
        conversations.push({ conversationId, member: false, resync: false, latestSeq: 0, events: [], hasMore: false });
        continue;
      }
      const result = await this.catchUpConversation(userId, conversationId, lastSeen, state, budget);
      budget -= result.events.length;
      conversations.push(result);
    }
    return { conversations, user: request.userCursor === undefined ? null : await this.catchUpUser(userId, request.userCursor) };
  }

  /** Conversations you were added to or removed from after a user cursor (e.g. while offline). */
  async changedConversations(actor: Actor, query: ChangedConversationsQuery): Promise<ChangedConversationsResponse> {
    const userId = actingUserId(actor);
    const since = query.since;
    const latest = await this.log.latestUserSeq(userId);
    if (since > latest || latest - since > this.settings.syncWindow) return { added: [], removedIds: [], cursor: latest, resync: true };
    const rows = await this.log.readUserEvents(userId, since, this.settings.syncWindow);
    if (rows.length > 0 && Number(rows[0].seq) !== since + 1) return { added: [], removedIds: [], cursor: latest, resync: true };
    const last = new Map<string, boolean>();
    for (const row of rows) {
      if (row.type === 'conversation.added') {
        const id = (row.payload as { conversation?: { id?: unknown } }).conversation?.id;
        if (isUuid(id)) last.set(id, true);
      } else if (row.type === 'conversation.removed') {
        const id = (row.payload as { conversationId?: unknown }).conversationId;
        if (isUuid(id)) last.set(id, false);
      }
    }
    const added = [];
    const removedIds: string[] = [];
    for (const [conversationId, isAdded] of last) {
      const view = isAdded ? await this.conversations.findForUser(conversationId, userId, { counts: true }) : undefined;
      if (view?.membership) added.push(toConversationResponse(view));
      else removedIds.push(conversationId);
    }
    return { added, removedIds, cursor: rows.length > 0 ? Number(rows.at(-1)!.seq) : since, resync: false };
  }

  private async catchUpConversation(
    userId: string,
    conversationId: string,
    lastSeen: number,
    state: { lastSeq: number; joinedSeq: number },
    budget: number,
  ): Promise<ConversationCatchUpResponse> {
    const latestSeq = state.lastSeq;
    const resync = { conversationId, member: true, resync: true, latestSeq, events: [], hasMore: false };
    // Events from before you joined are not yours to replay.
    const from = Math.max(lastSeen, state.joinedSeq - 1);
    if (lastSeen > latestSeq || latestSeq - from > this.settings.syncWindow) return resync;
    if (latestSeq === from) return { conversationId, member: true, resync: false, latestSeq, events: [], hasMore: false };
    if (budget <= 0) return { conversationId, member: true, resync: false, latestSeq, events: [], hasMore: true };
    const rows = await this.log.readConversationEvents(conversationId, from, Math.min(this.settings.syncWindow, budget));
    // The head of the log was trimmed (retention) past what the client has: it must reload.
    if (rows.length === 0 || Number(rows[0].seq) !== from + 1) return resync;
    const messageIds = rows.map((r) => messageFromJson(r.message)).filter((m) => m !== undefined && !m.deletedAt).map((m) => m!.id);
    const reactions = await this.reactions.summaries([...new Set(messageIds)], userId);
    const events = rows.map((row) => toConversationEventResponse(conversationId, row, reactions));
    const lastReturned = events.at(-1)!.seq;
    return { conversationId, member: true, resync: false, latestSeq: Math.max(latestSeq, lastReturned), events, hasMore: lastReturned < latestSeq };
  }

  private async catchUpUser(userId: string, cursor: number): Promise<UserCatchUpResponse> {
    const latestSeq = await this.log.latestUserSeq(userId);
    const resync = { resync: true, latestSeq, events: [], hasMore: false };
    if (cursor > latestSeq || latestSeq - cursor > this.settings.syncWindow) return resync;
    if (cursor === latestSeq) return { resync: false, latestSeq, events: [], hasMore: false };
    const rows = await this.log.readUserEvents(userId, cursor, this.settings.syncWindow);
    if (rows.length === 0 || Number(rows[0].seq) !== cursor + 1) return resync;
    const events = rows.map(toUserEventResponse);
    const lastReturned = events.at(-1)!.seq;
    return { resync: false, latestSeq: Math.max(latestSeq, lastReturned), events, hasMore: lastReturned < latestSeq };
  }
}
