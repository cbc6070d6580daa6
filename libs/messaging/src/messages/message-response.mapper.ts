import { THREAD_PARTICIPANTS_SHOWN, type MessageResponse, type MessageRevisionResponse, type ReactionResponse, type ThreadSummaryResponse, type ThreadUpdate } from '@enclave/contracts';
import type { ThreadCounters } from './messages.repository.js';
import type { MessageRecord, MessageRevisionRecord, ReactionSummary } from './message.record.js';

/**
 * The only shape a message leaves the server in. A deleted message becomes a tombstone: no
 * text, mentions, reactions or system data, whoever asks (compliance reads the record itself).
 */
export function toMessageResponse(m: MessageRecord, reactions: readonly ReactionSummary[] = []): MessageResponse {
  const deleted = m.deletedAt !== null;
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    senderId: m.senderId,
    kind: m.kind,
    systemType: m.systemType,
    systemData: deleted ? null : m.systemData,
    text: deleted ? '' : m.text,
    mentions: deleted
      ? { userIds: [], unresolved: [], special: null }
      : { userIds: [...m.mentionedUserIds], unresolved: [...m.mentionedNames], special: m.mentionAll },
    threadRootId: m.threadRootId,
    thread: toThreadSummary(m),
    reactions: deleted ? [] : reactions.map(toReactionResponse),
    pinnedAt: deleted ? null : iso(m.pinnedAt),
    pinnedBy: deleted ? null : m.pinnedBy,
    edited: m.editedAt !== null,
    editedAt: iso(m.editedAt),
    deleted,
    deletedAt: iso(m.deletedAt),
    clientMsgId: m.clientMsgId,
    createdAt: m.createdAt.toISOString(),
  };
}

/** Thread counters of a root that has (had) replies; null otherwise. */
export function toThreadSummary(m: MessageRecord): ThreadSummaryResponse | null {
  if (m.threadRootId !== null || m.lastReplyAt === null) return null;
  return countersToSummary({ replyCount: m.replyCount, lastReplyAt: m.lastReplyAt, lastReplySeq: m.lastReplySeq, participantIds: m.threadParticipantIds });
}

/** Participants are capped so that events stay small in threads with thousands of repliers. */
export function countersToSummary(c: ThreadCounters): ThreadSummaryResponse {
  return { replyCount: c.replyCount, lastReplyAt: iso(c.lastReplyAt), lastReplySeq: c.lastReplySeq, participantIds: c.participantIds.slice(0, THREAD_PARTICIPANTS_SHOWN) };
}

export function toThreadUpdate(rootId: string, c: ThreadCounters): ThreadUpdate {
  return { rootId, ...countersToSummary(c) };
}

export function toReactionResponse(r: ReactionSummary): ReactionResponse {
  return r.me === undefined ? { emoji: r.emoji, count: r.count, userIds: [...r.userIds] } : { emoji: r.emoji, count: r.count, userIds: [...r.userIds], me: r.me };
}

/** The revision history, oldest first, ending with the current text. */
export function toRevisionResponses(m: MessageRecord, earlier: readonly MessageRevisionRecord[]): MessageRevisionResponse[] {
  const items: MessageRevisionResponse[] = earlier.map((r) => ({
    revision: r.revision,
    text: r.text,
    createdAt: r.createdAt.toISOString(),
    replacedAt: iso(r.replacedAt),
  }));
  items.push({ revision: earlier.length + 1, text: m.text, createdAt: (m.editedAt ?? m.createdAt).toISOString(), replacedAt: null });
  return items;
}

function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}
