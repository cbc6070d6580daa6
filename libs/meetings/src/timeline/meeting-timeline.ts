import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConversationTimelineService, type TimelineMessageType } from '@enclave/messaging';
import { MeetingsBroadcaster } from '../gateway/meetings-broadcaster.js';
import { attendedSeconds, type MeetingRecord, type ParticipantRecord } from '../meetings/meeting.record.js';

/**
 * A call's story in its conversation: system messages (started, joined, left, removed, ended)
 * that every member's client renders and catches up like any message, and the live "call in
 * progress" marker. Both are best-effort after the meeting's own commit: a failure is logged,
 * never undoes a join or an end.
 */
@Injectable()
export class MeetingTimeline implements OnModuleDestroy {
  private readonly logger = new Logger(MeetingTimeline.name);
  /** Each meeting's posts in the order they were asked for, so a caller need not wait for its own. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    @Inject(ConversationTimelineService) private readonly timeline: ConversationTimelineService,
    @Inject(MeetingsBroadcaster) private readonly broadcaster: MeetingsBroadcaster,
  ) {}

  /**
   * Lets posts nobody waited for (a join's) land before the database closes. Posts are ordered per
   * meeting within this process; two server nodes may interleave a meeting's messages.
   */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  started(meeting: MeetingRecord, userId: string): Promise<void> {
    return this.post(meeting, userId, 'meeting_started', {}, 'started a call');
  }

  joined(meeting: MeetingRecord, participant: ParticipantRecord): Promise<void> {
    return this.post(meeting, participant.userId, 'meeting_joined', { participantId: participant.id }, 'joined the call');
  }

  left(meeting: MeetingRecord, participant: ParticipantRecord): Promise<void> {
    return this.post(meeting, participant.userId, 'meeting_left', { participantId: participant.id, durationSeconds: attendedSeconds(participant) }, 'left the call');
  }

  removed(meeting: MeetingRecord, participant: ParticipantRecord, byUserId: string): Promise<void> {
    return this.post(meeting, byUserId, 'meeting_removed', { participantId: participant.id, userId: participant.userId }, 'removed someone from the call');
  }

  ended(meeting: MeetingRecord, byUserId: string, attendees: number, durationSeconds: number): Promise<void> {
    const minutes = Math.max(1, Math.round(durationSeconds / 60));
    return this.post(meeting, byUserId, 'meeting_ended', { durationSeconds, attendees }, `The call ended after ${minutes} min`);
  }

  marker(meeting: MeetingRecord, active: boolean, participantCount: number): void {
    if (meeting.conversationId) this.broadcaster.callMarker({ conversationId: meeting.conversationId, meetingId: meeting.id, active, participantCount });
  }

  /**
   * Resolves once this post (and every earlier one of the meeting) is done; never rejects. A
   * caller on a latency path (join) need not wait: the posts still land in the order asked for.
   */
  private post(meeting: MeetingRecord, userId: string, type: TimelineMessageType, data: Record<string, unknown>, text: string): Promise<void> {
    const conversationId = meeting.conversationId;
    if (!conversationId) return Promise.resolve();
    const previous = this.queues.get(meeting.id) ?? Promise.resolve();
    const done = previous.then(async () => {
      try {
        await this.timeline.post(conversationId, userId, type, { meetingId: meeting.id, ...data }, text);
      } catch (error) {
        this.logger.warn({ err: error, meetingId: meeting.id, type }, 'could not post a meeting system message');
      }
    });
    this.queues.set(meeting.id, done);
    void done.then(() => {
      if (this.queues.get(meeting.id) === done) this.queues.delete(meeting.id);
    });
    return done;
  }
}
