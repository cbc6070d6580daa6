import { Inject, Injectable } from '@nestjs/common';
import type { ThreadUpdate } from '@enclave/contracts';
import { MembersRepository } from '../conversations/members.repository.js';
import { EventRecorder } from '../events/event-recorder.js';
import type { MessageRecord } from '../messages/message.record.js';
import { ThreadsRepository } from './threads.repository.js';

/**
 * What a new reply does to people's thread inboxes: its author follows the thread (and has
 * read up to the reply), the root's author follows unless they unfollowed, mentioned members
 * follow, and every follower but the author gets a `thread.updated` user event. Bounded by the
 * thread's followers, not the conversation's members.
 */
@Injectable()
export class ThreadActivity {
  constructor(
    @Inject(ThreadsRepository) private readonly threads: ThreadsRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(EventRecorder) private readonly events: EventRecorder,
  ) {}

  async replied(root: MessageRecord, reply: MessageRecord, thread: ThreadUpdate, now: Date): Promise<void> {
    const conversationId = root.conversationId;
    await this.threads.follow([reply.senderId], root.id, conversationId, { force: true, readSeq: reply.seq }, now);
    if (root.senderId !== reply.senderId) await this.threads.follow([root.senderId], root.id, conversationId, { force: false }, now);
    const mentionedMembers = reply.mentionedUserIds.length === 0 ? new Set<string>() : await this.members.existingMemberIds(conversationId, reply.mentionedUserIds);
    mentionedMembers.delete(reply.senderId);
    if (mentionedMembers.size > 0) await this.threads.follow([...mentionedMembers], root.id, conversationId, { force: true }, now);
    const followers = (await this.threads.followers(root.id, conversationId)).filter((id) => id !== reply.senderId);
    const everyone = reply.mentionAll !== null;
    const { rootId, ...summary } = thread;
    const base = { conversationId, rootId, thread: summary, replyId: reply.id, replySenderId: reply.senderId };
    const isMentioned = (id: string) => everyone || mentionedMembers.has(id);
    const mentionedPayload = { ...base, mentioned: true };
    const otherPayload = { ...base, mentioned: false };
    await this.events.users(
      followers.map((id) => ({ userId: id, type: 'thread.updated' as const, payload: isMentioned(id) ? mentionedPayload : otherPayload })),
      now,
    );
  }
}
