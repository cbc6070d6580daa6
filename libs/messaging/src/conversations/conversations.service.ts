import { Inject, Injectable } from '@nestjs/common';
import { actingUserId, Clock, newId, type Actor, encodeTimeCursor } from '@enclave/core';
import { validationError } from '../errors/validation-error.js';
import { TransactionContext, isUniqueViolation } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import { toSqlWhere } from '@enclave/authz';
import {
  PURPOSE_MAX_LENGTH,
  SEARCH_QUERY_MAX_LENGTH,
  TOPIC_MAX_LENGTH,
  hasNul,
  isValidChannelName,
  isValidSingleLineText,
  normaliseChannelName,
  type BrowseChannelsQuery,
  type ConversationChanges,
  type ConversationListResponse,
  type ConversationResponse,
  type CreateChannelRequest,
  type PageQuery,
  type UpdateConversationRequest,
} from '@enclave/contracts';
import { decodeKeyCursor, decodeTimeCursor, encodeKeyCursor, pageLimit } from '../db/cursors.js';
import { UserDirectoryRepository } from '../directory/user-directory.repository.js';
import { MessagingErrorCode } from '../errors/messaging-error-code.js';
import { MessagingException } from '../errors/messaging.exception.js';
import { EventRecorder } from '../events/event-recorder.js';
import { ConversationAccess } from '../policy/conversation-access.js';
import { assertCanCreate, assertCanManage, assertCanSee, assertCanSetTopic } from '../policy/conversation.policy.js';
import { toConversationResponse } from './conversation-response.mapper.js';
import type { ConversationForUser, MembershipRecord } from './conversation.record.js';
import { ConversationsRepository } from './conversations.repository.js';
import { MembersRepository } from './members.repository.js';
import { SystemMessages } from './system-messages.js';

const NAME_INDEX = 'conversation_name_key';

/** Channels: creation, details, rename, topic/purpose, archive; lists and browsing. */
@Injectable()
export class ConversationsService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(ConversationAccess) private readonly access: ConversationAccess,
    @Inject(ConversationsRepository) private readonly conversations: ConversationsRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(UserDirectoryRepository) private readonly directory: UserDirectoryRepository,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemMessages) private readonly system: SystemMessages,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Creates a channel; the creator becomes its channel admin. Audited. */
  async createChannel(actor: Actor, request: CreateChannelRequest): Promise<ConversationResponse> {
    const userId = actingUserId(actor);
    const name = validName(request.name);
    const topic = validLine(request.topic ?? '', TOPIC_MAX_LENGTH, 'topic');
    const purpose = validLine(request.purpose ?? '', PURPOSE_MAX_LENGTH, 'purpose');
    const kind = request.visibility === 'private' ? 'private_channel' : 'public_channel';
    assertCanCreate(await this.access.ability(actor), kind);
    const others = [...new Set(request.memberIds ?? [])].filter((id) => id !== userId);
    const id = newId();
    try {
      return await this.tx.run(async () => {
        const now = this.clock.now();
        await this.requireActiveUsers(others);
        const inserted = await this.conversations.insert({ id, kind, name, topic, purpose, dmKey: null, createdBy: userId, createdAt: now });
        if (!inserted) throw nameTaken();
        const joined = [{ userId, role: 'channel_admin' as const }, ...others.map((u) => ({ userId: u, role: 'member' as const }))];
        // Founding members see the conversation from its first event.
        await this.members.insertMany(id, joined.map((m) => ({ ...m, joinedSeq: 1 })), now);
        const memberCount = await this.conversations.adjustMemberCount(id, joined.length);
        const initial = await this.requireView(id, userId);
        await this.events.conversationBatch(
          id,
          [
            { type: 'conversation.created', payload: { conversation: publicView({ ...initial, conversation: { ...initial.conversation, lastSeq: 1 } }) } },
            ...joined.map((m) => ({
              type: 'member.joined' as const,
              payload: { conversationId: id, userId: m.userId, role: m.role, by: m.userId === userId ? null : userId, memberCount },
            })),
          ],
          now,
        );
        await this.system.post(id, userId, 'channel_created', { name, visibility: request.visibility }, `created the channel ${name}`, now);
        const mine = await this.requireView(id, userId, true);
        const theirs = toConversationResponse({ ...mine, membership: { ...(mine.membership as MembershipRecord), role: 'member' } });
        await this.events.users(
          [
            { userId, type: 'conversation.added', payload: { conversation: toConversationResponse(mine), by: null } },
            ...others.map((u) => ({ userId: u, type: 'conversation.added' as const, payload: { conversation: theirs, by: userId } })),
          ],
          now,
        );
        await this.audit.record(actor, {
          action: AuditAction.MessagingChannelCreated,
          target: { type: 'conversation', id },
          outcome: 'success',
          after: { name, kind, topic, purpose, memberIds: joined.map((m) => m.userId) },
        });
        return toConversationResponse(mine);
      });
    } catch (error) {
      throw isUniqueViolation(error, NAME_INDEX) ? nameTaken() : error;
    }
  }

  /**
   * One conversation with your membership and counts; private ones are 404 unless you belong.
   * `counts: false` leaves out your unread and mention counts (other modules deciding access
   * need only the membership, and the counts are the costly part of the read).
   */
  async get(actor: Actor, conversationId: string, options: { counts?: boolean } = {}): Promise<ConversationResponse> {
    const subject = await this.access.readForUser(conversationId, actor, { counts: options.counts ?? true });
    assertCanSee(subject);
    return toConversationResponse(subject.view);
  }

  /** Your conversations, most recent activity first, with unread and mention counts. */
  async listMine(actor: Actor, query: PageQuery = {}): Promise<ConversationListResponse> {
    const userId = actingUserId(actor);
    const limit = pageLimit(query.limit);
    // Filtered by the ability in SQL too, not only by membership: a role change applies to lists at once.
    const visible = toSqlWhere(await this.access.ability(actor), 'view', 'Conversation', 'c', { membershipAlias: 'm' });
    const rows = await this.conversations.listForUser(userId, decodeTimeCursor(query.cursor), limit + 1, visible);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toConversationResponse),
      nextCursor: rows.length > limit && last ? encodeTimeCursor(last.conversation.lastMessageAt ?? last.conversation.createdAt, last.conversation.id) : null,
    };
  }

  /** Ids of every conversation the user belongs to (the gateway joins their rooms at connect). */
  async conversationIdsOf(userId: string): Promise<string[]> {
    return this.members.conversationIdsForUser(userId);
  }

  /** Public channels by name (prefix or contains, case-insensitive, any script). */
  async browse(actor: Actor, query: BrowseChannelsQuery = {}): Promise<ConversationListResponse> {
    const userId = actingUserId(actor);
    const limit = pageLimit(query.limit);
    const after = decodeKeyCursor(query.cursor);
    const q = query.q?.normalize('NFC').trim();
    if (q !== undefined && (q.length > SEARCH_QUERY_MAX_LENGTH || hasNul(q))) throw validationError(`q must be at most ${SEARCH_QUERY_MAX_LENGTH} characters without NUL`);
    const browsable = toSqlWhere(await this.access.ability(actor), 'browse', 'Conversation', 'c', { membershipAlias: 'm' });
    const rows = await this.conversations.browsePublic(userId, browsable, {
      q: q ? q : undefined,
      match: query.match ?? 'contains',
      includeArchived: query.includeArchived === true,
      after: after && { name: after.key, id: after.id },
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => toConversationResponse(r.view)),
      nextCursor: rows.length > limit && last ? encodeKeyCursor(last.sortKey, last.view.conversation.id) : null,
    };
  }

  /** Rename (channel admins; audited), topic and purpose (any member). Posts system messages. */
  async update(actor: Actor, conversationId: string, request: UpdateConversationRequest): Promise<ConversationResponse> {
    const userId = actingUserId(actor);
    const requestedName = request.name === undefined ? undefined : validName(request.name);
    const requestedTopic = request.topic === undefined ? undefined : validLine(request.topic, TOPIC_MAX_LENGTH, 'topic');
    const requestedPurpose = request.purpose === undefined ? undefined : validLine(request.purpose, PURPOSE_MAX_LENGTH, 'purpose');
    try {
      return await this.tx.run(async () => {
        const subject = await this.access.lockForUser(conversationId, actor);
        const c = subject.conversation;
        const changes: ConversationChanges = {};
        if (requestedName !== undefined && requestedName !== c.name) changes.name = { from: c.name, to: requestedName };
        if (requestedTopic !== undefined && requestedTopic !== c.topic) changes.topic = { from: c.topic, to: requestedTopic };
        if (requestedPurpose !== undefined && requestedPurpose !== c.purpose) changes.purpose = { from: c.purpose, to: requestedPurpose };
        if (changes.name) assertCanManage(subject, 'rename');
        if (changes.topic || changes.purpose || !changes.name) assertCanSetTopic(subject);
        if (Object.keys(changes).length === 0) return toConversationResponse(await this.requireView(conversationId, userId, true));
        if (changes.name && (await this.conversations.nameTaken(changes.name.to ?? '', conversationId))) throw nameTaken();
        const now = this.clock.now();
        await this.conversations.updateDetails(conversationId, { name: changes.name?.to ?? undefined, topic: changes.topic?.to, purpose: changes.purpose?.to }, now);
        const updated = await this.requireView(conversationId, userId);
        await this.events.conversation(conversationId, 'conversation.updated', { conversation: publicView(updated), changes }, now);
        if (changes.name) {
          await this.system.post(conversationId, userId, 'channel_renamed', { from: changes.name.from, to: changes.name.to }, `renamed the channel to ${changes.name.to}`, now);
          await this.audit.record(actor, {
            action: AuditAction.MessagingChannelRenamed,
            target: { type: 'conversation', id: conversationId },
            outcome: 'success',
            before: { name: changes.name.from },
            after: { name: changes.name.to },
          });
        }
        if (changes.topic) await this.system.post(conversationId, userId, 'topic_changed', { ...changes.topic }, `set the topic: ${changes.topic.to}`, now);
        if (changes.purpose) await this.system.post(conversationId, userId, 'purpose_changed', { ...changes.purpose }, `set the purpose: ${changes.purpose.to}`, now);
        return toConversationResponse(await this.requireView(conversationId, userId, true));
      });
    } catch (error) {
      throw isUniqueViolation(error, NAME_INDEX) ? nameTaken() : error;
    }
  }

  /** Makes a channel read-only (channel admins and administrators). Idempotent; audited. */
  archive(actor: Actor, conversationId: string): Promise<ConversationResponse> {
    return this.setArchived(actor, conversationId, true);
  }

  unarchive(actor: Actor, conversationId: string): Promise<ConversationResponse> {
    return this.setArchived(actor, conversationId, false);
  }

  private async setArchived(actor: Actor, conversationId: string, archive: boolean): Promise<ConversationResponse> {
    const userId = actingUserId(actor);
    return this.tx.run(async () => {
      const subject = await this.access.lockForUser(conversationId, actor);
      assertCanManage(subject, 'archive', { allowArchived: true });
      if ((subject.conversation.archivedAt !== null) === archive) return toConversationResponse(await this.requireView(conversationId, userId, true));
      const now = this.clock.now();
      if (archive) {
        await this.system.post(conversationId, userId, 'channel_archived', {}, 'archived the channel', now);
        await this.conversations.setArchived(conversationId, { at: now, by: userId }, now);
        await this.events.conversation(conversationId, 'conversation.archived', { conversationId, by: userId }, now);
      } else {
        await this.conversations.setArchived(conversationId, null, now);
        await this.events.conversation(conversationId, 'conversation.unarchived', { conversationId, by: userId }, now);
        await this.system.post(conversationId, userId, 'channel_unarchived', {}, 'unarchived the channel', now);
      }
      await this.audit.record(actor, {
        action: archive ? AuditAction.MessagingChannelArchived : AuditAction.MessagingChannelUnarchived,
        target: { type: 'conversation', id: conversationId },
        outcome: 'success',
        before: { archived: !archive },
        after: { archived: archive },
      });
      return toConversationResponse(await this.requireView(conversationId, userId, true));
    });
  }

  private async requireActiveUsers(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    const active = await this.directory.activeUserIds(userIds);
    const missing = userIds.filter((id) => !active.has(id));
    if (missing.length > 0) throw new MessagingException(MessagingErrorCode.UserNotFound, 'Some users do not exist or are deactivated.', { userIds: missing });
  }

  private async requireView(conversationId: string, userId: string, counts = false): Promise<ConversationForUser> {
    const view = await this.conversations.findForUser(conversationId, userId, { counts });
    if (!view) throw MessagingException.conversationNotFound();
    return view;
  }
}

/** What every member may see in a broadcast event: no one's own membership or counts. */
export function publicView(view: ConversationForUser): ConversationResponse {
  return toConversationResponse({ conversation: view.conversation, membership: undefined, memberIds: view.memberIds });
}

function validName(input: string): string {
  const name = normaliseChannelName(input);
  if (!isValidChannelName(name)) {
    throw new MessagingException(MessagingErrorCode.ChannelNameInvalid, 'Channel names are 1-80 letters, digits, spaces or - _ . of any script.');
  }
  return name;
}

function validLine(value: string, max: number, field: string): string {
  if ([...value].length > max || !isValidSingleLineText(value)) {
    throw validationError(`The ${field} must be one line of at most ${max} characters.`);
  }
  return value;
}

function nameTaken(): MessagingException {
  return new MessagingException(MessagingErrorCode.ChannelNameTaken, 'A channel with this name already exists.');
}
