import { describe, expect, it } from '@jest/globals';
import type { ConversationTimelineService } from '@enclave/messaging';
import type { MeetingsBroadcaster } from '../gateway/meetings-broadcaster.js';
import type { MeetingRecord, ParticipantRecord } from '../meetings/meeting.record.js';
import { MeetingTimeline } from './meeting-timeline.js';

const meeting = { id: 'm1', conversationId: 'c1' } as MeetingRecord;
const participant = (id: string) => ({ id, userId: `u-${id}`, joinedAt: new Date(0), leftAt: new Date(60_000) }) as ParticipantRecord;

/** Posts that take longer the earlier they were asked for: unordered, the last would land first. */
function slowFirstTimeline(posted: string[], failOn?: string): ConversationTimelineService {
  let delay = 30;
  return {
    post: (_conversationId: string, _userId: string, type: string) => {
      const wait = (delay = Math.max(0, delay - 10));
      return new Promise<void>((resolve, reject) =>
        setTimeout(() => {
          if (type === failOn) return reject(new Error('database unavailable'));
          posted.push(type);
          resolve();
        }, wait),
      );
    },
  } as unknown as ConversationTimelineService;
}

describe('MeetingTimeline', () => {
  it('lands a meeting\'s system messages in the order asked for, even when nobody waits for them', async () => {
    const posted: string[] = [];
    const timeline = new MeetingTimeline(slowFirstTimeline(posted), {} as MeetingsBroadcaster);
    void timeline.joined(meeting, participant('p1'));
    void timeline.joined(meeting, participant('p2'));
    await timeline.left(meeting, participant('p1'));
    expect(posted).toEqual(['meeting_joined', 'meeting_joined', 'meeting_left']);
  });

  it('goes on with the next post after one fails, and never rejects', async () => {
    const posted: string[] = [];
    const timeline = new MeetingTimeline(slowFirstTimeline(posted, 'meeting_joined'), {} as MeetingsBroadcaster);
    await expect(timeline.joined(meeting, participant('p1'))).resolves.toBeUndefined();
    await timeline.left(meeting, participant('p1'));
    expect(posted).toEqual(['meeting_left']);
  });
});

describe('MeetingTimeline shutdown', () => {
  it('waits for posts nobody waited for before the module goes away', async () => {
    const posted: string[] = [];
    const timeline = new MeetingTimeline(slowFirstTimeline(posted), {} as MeetingsBroadcaster);
    void timeline.joined(meeting, participant('p1'));
    await timeline.onModuleDestroy();
    expect(posted).toEqual(['meeting_joined']);
  });
});
