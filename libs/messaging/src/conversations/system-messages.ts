import { Inject, Injectable } from '@nestjs/common';
import { newId } from '@enclave/core';
import { conversationEvent } from '../events/domain-event.js';
import { EventRecorder } from '../events/event-recorder.js';
import { toMessageResponse } from '../messages/message-response.mapper.js';
import { newMessageRecord, type MessageRecord, type NewMessage } from '../messages/message.record.js';
import { MessagesRepository } from '../messages/messages.repository.js';

/** What happened, for clients to render in their language; `text` is a plain English fallback for bots. */
export type SystemMessageType =
  | 'channel_created'
  | 'member_joined'
  | 'member_left'
  | 'members_added'
  | 'member_removed'
  | 'channel_renamed'
  | 'topic_changed'
  | 'purpose_changed'
  | 'channel_archived'
  | 'channel_unarchived'
  // Posted by meetings (ConversationTimelineService): a call's timeline in its conversation.
  | 'meeting_started'
  | 'meeting_joined'
  | 'meeting_left'
  | 'meeting_removed'
  | 'meeting_ended';

/** Posts system messages ("joined", "renamed"...) as ordinary messages with their own seq. */
@Injectable()
export class SystemMessages {
  constructor(
    @Inject(MessagesRepository) private readonly messages: MessagesRepository,
    @Inject(EventRecorder) private readonly events: EventRecorder,
  ) {}

  /** Inside the caller's transaction, after it took the conversation lock. */
  async post(conversationId: string, actorId: string, type: SystemMessageType, data: Record<string, unknown>, text: string, now: Date): Promise<MessageRecord> {
    const id = newId();
    const base: NewMessage = {
      id,
      conversationId,
      senderId: actorId,
      clientMsgId: null,
      kind: 'system',
      systemType: type,
      systemData: data,
      text,
      mentionedUserIds: [],
      mentionedNames: [],
      mentionAll: null,
      threadRootId: null,
      createdAt: now,
    };
    const seq = await this.messages.insertWithEvent(base, { thread: null });
    const record = newMessageRecord(base, seq);
    await this.events.publishAfterCommit([conversationEvent(conversationId, seq, 'message.created', { message: toMessageResponse(record), thread: null }, now)]);
    return record;
  }
}
