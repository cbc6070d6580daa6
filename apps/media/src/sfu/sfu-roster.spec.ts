import { describe, expect, it } from '@jest/globals';
import { MediaErrorCode, type MediaSource } from '@enclave/contracts';
import { SfuRoster } from './sfu-roster.js';

const join = (roster: SfuRoster, meetingId: string, participantId: string, publish: MediaSource[] = []) =>
  roster.add({ meetingId, participantId, userId: `u-${participantId}`, displayName: participantId, publish });

describe('SfuRoster', () => {
  it('counts one stream out per subscriber per published, unmuted source', () => {
    const roster = new SfuRoster();
    join(roster, 'm1', 'a', ['audio', 'video']);
    join(roster, 'm1', 'b', ['audio']);
    join(roster, 'm1', 'c');
    join(roster, 'm2', 'd', ['video']);
    // m1: a's 2 sources to b and c (4) + b's audio to a and c (2); m2: d alone (0)
    expect(roster.load()).toEqual({ meetings: 2, participants: 4, streamsOut: 6 });

    roster.setMuted('a', 'video', true);
    expect(roster.load().streamsOut).toBe(4);
    roster.setMuted('a', 'video', false);
    roster.setPublishing('c', 'screen', true);
    expect(roster.load().streamsOut).toBe(8);

    roster.remove('a');
    expect(roster.load()).toEqual({ meetings: 2, participants: 3, streamsOut: 2 });
    roster.remove('d');
    expect(roster.load().meetings).toBe(1);
  });

  it('subscribes each participant to the others\' sources in join order, never to its own', () => {
    const roster = new SfuRoster();
    join(roster, 'm1', 'a', ['video', 'audio']);
    join(roster, 'm1', 'b', ['audio']);
    join(roster, 'm2', 'x', ['audio']);
    expect(roster.subscriptionsOf('b').map((s) => s.key)).toEqual(['a/audio', 'a/video']);
    expect(roster.subscriptionsOf('a')).toEqual([{ key: 'b/audio', participantId: 'b', userId: 'u-b', source: 'audio' }]);
    expect(roster.publishedBy('a')).toEqual(['audio', 'video']);
  });

  it('reports whether a publish change changed anything, and unknown participants with their code', () => {
    const roster = new SfuRoster();
    join(roster, 'm1', 'a', ['audio']);
    expect(roster.setPublishing('a', 'audio', true)).toBe(false);
    expect(roster.setPublishing('a', 'screen', true)).toBe(true);
    expect(roster.setPublishing('a', 'screen', false)).toBe(true);
    expect(() => roster.setPublishing('ghost', 'audio', true)).toThrow(expect.objectContaining({ code: MediaErrorCode.UnknownParticipant }));
    expect(() => roster.setMuted('ghost', 'audio', true)).toThrow(expect.objectContaining({ code: MediaErrorCode.UnknownParticipant }));
    expect(roster.remove('ghost')).toBeUndefined();
  });
});
