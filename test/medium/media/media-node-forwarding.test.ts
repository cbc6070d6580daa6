import { promises as dns } from 'node:dns';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { OPUS_STREAM, VIDEO_500K } from '../../bench/meetings/synthetic-participant.js';
import { eventually, startMediaTestNode, type MediaTestNode } from './support/media-test-node.js';

describe('media node: forwarding RTP between werift participants over the Redis protocol', () => {
  let t: MediaTestNode;

  beforeEach(async () => {
    t = await startMediaTestNode();
  });

  afterEach(async () => {
    await t.close();
  });

  it('offers only the bind address as ICE candidate, and forwards a publisher\'s audio and video to a subscriber', async () => {
    // werift's fallback public STUN server must never be asked (on-premises: no traffic to the internet).
    const lookup = jest.spyOn(dns, 'lookup');
    const alice = t.participant({ meetingId: 'm1', participantId: 'alice', publish: ['audio', 'video'] });
    await alice.join();
    expect(lookup.mock.calls.map(([host]) => host)).not.toContain('stun.l.google.com');
    lookup.mockRestore();
    const candidates = alice.offers[0].sdp.split(/\r?\n/).filter((line) => line.startsWith('a=candidate:'));
    expect(candidates.length).toBeGreaterThan(0);
    for (const line of candidates) expect(line.split(' ')[4]).toBe('127.0.0.1');
    expect(alice.offers[0]).toMatchObject({ revision: 1, subscriptions: [] });
    expect(alice.offers[0].publish.map((slot) => slot.source)).toEqual(['audio', 'video']);

    const bob = t.participant({ meetingId: 'm1', participantId: 'bob' });
    await bob.join();
    expect(bob.offers[0].subscriptions.map((s) => [s.participantId, s.userId, s.source])).toEqual([
      ['alice', 'user-alice', 'audio'],
      ['alice', 'user-alice', 'video'],
    ]);
    alice.startSending('audio', OPUS_STREAM);
    alice.startSending('video', VIDEO_500K);

    await eventually(() => bob.receivedFrom('alice', 'video') >= 20 && bob.receivedFrom('alice', 'audio') >= 20, 'bob to receive alice\'s audio and video');
    await t.client.waitForEvent((e) => e.type === 'connection' && e.participantId === 'bob' && e.state === 'connected');
    expect(t.node.status()).toMatchObject({ meetings: 1, participants: 2, streamsOut: 2 });
  });

  it('stops forwarding a host-muted source and resumes it on unmute, without renegotiating', async () => {
    const alice = t.participant({ meetingId: 'm1', participantId: 'alice', publish: ['audio', 'video'] });
    const bob = t.participant({ meetingId: 'm1', participantId: 'bob' });
    await alice.join();
    await bob.join();
    alice.startSending('audio', OPUS_STREAM);
    alice.startSending('video', VIDEO_500K);
    await eventually(() => bob.receivedFrom('alice', 'audio') >= 10, 'audio to flow');

    await t.client.call({ type: 'mute', participantId: 'alice', source: 'audio', muted: true });
    expect(t.node.status().streamsOut).toBe(1);
    // Packets already in flight may still land: wait until the count stops moving while video keeps flowing.
    let audioAtMute = bob.receivedFrom('alice', 'audio');
    await eventually(() => {
      const now = bob.receivedFrom('alice', 'audio');
      const still = now === audioAtMute;
      audioAtMute = now;
      return still;
    }, 'audio to stop');
    const videoAtMute = bob.receivedFrom('alice', 'video');
    await eventually(() => bob.receivedFrom('alice', 'video') >= videoAtMute + 25, 'video to keep flowing');
    expect(bob.receivedFrom('alice', 'audio')).toBe(audioAtMute);

    await t.client.call({ type: 'mute', participantId: 'alice', source: 'audio', muted: false });
    await eventually(() => bob.receivedFrom('alice', 'audio') >= audioAtMute + 10, 'audio to resume');
    expect(bob.revision).toBe(1);
  });

  it('renegotiates everyone when a participant starts and stops a screen share, and when the publisher leaves', async () => {
    const alice = t.participant({ meetingId: 'm1', participantId: 'alice', publish: ['video'] });
    const bob = t.participant({ meetingId: 'm1', participantId: 'bob' });
    const carol = t.participant({ meetingId: 'm1', participantId: 'carol' });
    await alice.join();
    await bob.join();
    await carol.join();

    await t.client.call({ type: 'publish', participantId: 'alice', source: 'screen', on: true });
    await eventually(() => alice.revision === 2 && bob.revision === 2 && carol.revision === 2, 'screen-share offers');
    await Promise.all([alice.settled(), bob.settled(), carol.settled()]);
    expect(alice.lastOffer!.publish.map((slot) => slot.source)).toEqual(['video', 'screen']);
    expect(bob.lastOffer!.subscriptions.map((s) => s.source)).toEqual(['video', 'screen']);
    alice.startSending('screen', VIDEO_500K);
    await eventually(() => bob.receivedFrom('alice', 'screen') >= 10 && carol.receivedFrom('alice', 'screen') >= 10, 'the screen to reach bob and carol');

    await t.client.call({ type: 'publish', participantId: 'alice', source: 'screen', on: false });
    await eventually(() => bob.revision === 3 && carol.revision === 3, 'stop-share offers');
    await Promise.all([alice.settled(), bob.settled(), carol.settled()]);
    expect(bob.lastOffer!.subscriptions.map((s) => s.source)).toEqual(['video']);

    await t.client.call({ type: 'leave', participantId: 'alice' });
    await eventually(() => bob.revision === 4 && carol.revision === 4, 'offers after alice left');
    await Promise.all([bob.settled(), carol.settled()]);
    expect(bob.lastOffer!.subscriptions).toEqual([]);
    expect(t.node.status()).toMatchObject({ participants: 2, streamsOut: 0 });
  });

  it('forwards a screen share stopped and started again while a subscriber was still answering an earlier offer', async () => {
    const alice = t.participant({ meetingId: 'm1', participantId: 'alice', publish: ['video'] });
    const bob = t.participant({ meetingId: 'm1', participantId: 'bob' });
    await alice.join();
    await bob.join();
    await t.client.call({ type: 'publish', participantId: 'alice', source: 'screen', on: true });
    await eventually(() => bob.revision === 2, 'bob subscribed to the screen');
    await Promise.all([alice.settled(), bob.settled()]);

    // Bob is busy with an offer (carol joined) while alice stops and restarts her screen.
    const release = bob.holdAnswers();
    const carol = t.participant({ meetingId: 'm1', participantId: 'carol', publish: ['audio'] });
    await carol.join();
    await eventually(() => bob.offers.length === 3, 'bob\'s offer for carol');
    await t.client.call({ type: 'publish', participantId: 'alice', source: 'screen', on: false });
    await t.client.call({ type: 'publish', participantId: 'alice', source: 'screen', on: true });
    release();
    await eventually(() => bob.revision === 4, 'bob\'s offer after the restart');
    await Promise.all([alice.settled(), bob.settled(), carol.settled()]);
    expect(bob.lastOffer!.subscriptions.map((s) => s.source).sort()).toEqual(['audio', 'screen', 'video']);

    alice.startSending('screen', VIDEO_500K);
    await eventually(() => bob.receivedFrom('alice', 'screen') >= 10, 'the restarted screen to reach bob');
  });

  it('queues changes behind an unanswered offer, rejects an answer to a stale revision, and offers once the answer is in', async () => {
    const alice = t.participant({ meetingId: 'm1', participantId: 'alice' });
    await alice.join();
    const bob = t.participant({ meetingId: 'm1', participantId: 'bob' });
    const release = bob.holdAnswers();
    const bobJoined = bob.join();
    await eventually(() => bob.offers.length === 1, 'bob\'s first offer');

    await t.client.call({ type: 'publish', participantId: 'alice', source: 'audio', on: true });
    await t.client.call({ type: 'publish', participantId: 'alice', source: 'video', on: true });
    await eventually(() => alice.offers.some((offer) => offer.publish.length === 2), 'alice\'s renegotiation');
    // bob has not answered revision 1: nothing new may be offered to him yet.
    expect(t.client.events.some((e) => e.type === 'offer' && e.participantId === 'bob')).toBe(false);
    const stale = await t.client.request({ type: 'answer', participantId: 'bob', revision: 7, sdp: bob.offers[0].sdp });
    expect(stale).toMatchObject({ ok: false, error: { code: 'MEDIA_STALE_REVISION' } });

    release();
    await bobJoined;
    const next = await t.client.waitForEvent((e) => e.type === 'offer' && e.participantId === 'bob');
    // Both publish changes arrive as one offer.
    expect(next.type === 'offer' && next.offer.revision).toBe(2);
    expect(next.type === 'offer' && next.offer.subscriptions.map((s) => s.source)).toEqual(['audio', 'video']);
    await eventually(() => bob.revision === 2, 'bob to apply revision 2');
    await bob.settled();
    const replay = await t.client.request({ type: 'answer', participantId: 'bob', revision: 1, sdp: bob.offers[0].sdp });
    expect(replay).toMatchObject({ ok: false, error: { code: 'MEDIA_STALE_REVISION' } });
    alice.startSending('video', VIDEO_500K);
    await eventually(() => bob.receivedFrom('alice', 'video') >= 10, 'video after the renegotiation');
  });

  it('closes every participant when the meeting ends', async () => {
    const alice = t.participant({ meetingId: 'm2', participantId: 'alice', publish: ['audio'] });
    const bob = t.participant({ meetingId: 'm2', participantId: 'bob' });
    await alice.join();
    await bob.join();
    await t.client.call({ type: 'end', meetingId: 'm2' });
    expect(t.node.status()).toMatchObject({ meetings: 0, participants: 0, streamsOut: 0 });
    const after = await t.client.request({ type: 'leave', participantId: 'alice' });
    expect(after).toMatchObject({ ok: false, error: { code: 'MEDIA_UNKNOWN_PARTICIPANT' } });
  });
});
