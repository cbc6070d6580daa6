import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mediaKeys, type MediaNodeStatus } from '@enclave/contracts';
import { VIDEO_500K } from '../../bench/meetings/synthetic-participant.js';
import { eventually, startMediaTestNode, type MediaTestNode } from './support/media-test-node.js';

describe('media node: the Redis protocol, heartbeats and garbage', () => {
  let t: MediaTestNode;

  beforeEach(async () => {
    t = await startMediaTestNode();
  });

  afterEach(async () => {
    await t.close();
  });

  const nodeEntry = async (): Promise<MediaNodeStatus | undefined> => {
    const raw = await t.redis.hget(mediaKeys.nodes(t.prefix), t.node.nodeId);
    return raw ? (JSON.parse(raw) as MediaNodeStatus) : undefined;
  };

  it('heartbeats its status into the nodes hash, keeps it current, and removes it on stop', async () => {
    const first = await nodeEntry();
    expect(first).toMatchObject({ nodeId: t.node.nodeId, address: '127.0.0.1', meetings: 0, participants: 0, streamsOut: 0, heartbeatSeconds: 1 });
    expect(typeof first!.cpuPercent).toBe('number');
    expect(Number.isNaN(Date.parse(first!.startedAt))).toBe(false);

    const alice = t.participant({ meetingId: 'm1', participantId: 'alice', publish: ['video'] });
    await alice.join();
    await t.participant({ meetingId: 'm1', participantId: 'bob' }).join();
    await eventually(async () => (await nodeEntry())?.participants === 2, 'a heartbeat with two participants');
    const loaded = (await nodeEntry())!;
    expect(loaded).toMatchObject({ meetings: 1, participants: 2, streamsOut: 1 });
    expect(loaded.heartbeatAt).toBeGreaterThan(first!.heartbeatAt);

    await t.node.stop();
    expect(await nodeEntry()).toBeUndefined();
  });

  it('answers malformed commands with MEDIA_INVALID_COMMAND and drops what it cannot answer, and keeps working', async () => {
    const invalid = [
      { type: 'explode' },
      { type: 'join', meetingId: 'm1', participantId: 'p1' },
      { type: 'join', meetingId: 'm1', participantId: 'p1', userId: 'u1', displayName: 'P', publish: ['smell'] },
      { type: 'answer', participantId: 'p1', revision: 'one', sdp: 'v=0' },
      { type: 'mute', participantId: 'p1', source: 'audio', muted: 'yes' },
      { type: 'leave', participantId: '' },
      { type: 'leave', participantId: 'p1', extra: true },
      'join',
      null,
    ];
    for (const command of invalid) {
      const reply = await t.client.request(command as Record<string, unknown>);
      expect(reply).toMatchObject({ ok: false, error: { code: 'MEDIA_INVALID_COMMAND' } });
    }
    // No reply possible: not JSON, no id, a reply channel outside this deployment's prefix.
    await t.client.sendRaw('{{{ not json');
    await t.client.sendRaw(JSON.stringify({ replyTo: t.client.replyTo, command: { type: 'leave', participantId: 'x' } }));
    await t.client.sendRaw(JSON.stringify({ id: 'x', replyTo: 'someone-elses-channel', command: { type: 'leave', participantId: 'x' } }));
    await t.client.sendRaw('x'.repeat(300_000));

    const alive = await t.client.request({ type: 'end', meetingId: 'nothing' });
    expect(alive).toEqual({ id: expect.any(String), ok: true, data: null });
  });

  it('answers unknown participants, garbage SDP and garbage candidates with their codes, and the call still connects', async () => {
    for (const command of [
      { type: 'answer', participantId: 'ghost', revision: 1, sdp: 'v=0' },
      { type: 'candidate', participantId: 'ghost', candidate: { candidate: '', sdpMid: '0' } },
      { type: 'publish', participantId: 'ghost', source: 'screen', on: true },
      { type: 'mute', participantId: 'ghost', source: 'audio', muted: true },
      { type: 'leave', participantId: 'ghost' },
    ] as const) {
      expect(await t.client.request(command)).toMatchObject({ ok: false, error: { code: 'MEDIA_UNKNOWN_PARTICIPANT' } });
    }

    const alice = t.participant({ meetingId: 'm1', participantId: 'alice', publish: ['video'] });
    await alice.join();
    const bob = t.participant({ meetingId: 'm1', participantId: 'bob' });
    const release = bob.holdAnswers();
    const joined = bob.join();
    await eventually(() => bob.offers.length === 1, 'bob\'s offer');
    const offerSdp = bob.offers[0].sdp;
    const garbageSdp = [
      'garbage',
      'v=0\r\n',
      offerSdp.replace(/a=mid:0/g, 'a=mid:9'),
      offerSdp.replace(/a=fingerprint:[^\r\n]*\r?\n/g, ''),
      `v=0\r\n${'a=x\r\n'.repeat(5)}m=video 9 UDP/TLS/RTP/SAVPF 97\r\na=mid:0\r\n`,
    ];
    for (const sdp of garbageSdp) {
      expect(await t.client.request({ type: 'answer', participantId: 'bob', revision: 1, sdp })).toMatchObject({ ok: false, error: { code: 'MEDIA_INVALID_SDP' } });
    }
    for (const candidate of [
      { candidate: 'garbage', sdpMid: '0' },
      { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host', sdpMid: '42' },
      { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host' },
      { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host', sdpMLineIndex: 5 },
    ]) {
      expect(await t.client.request({ type: 'candidate', participantId: 'bob', candidate })).toMatchObject({ ok: false, error: { code: 'MEDIA_INVALID_CANDIDATE' } });
    }
    // A well-formed trickled candidate (before the answer: held until it is applied) is fine.
    expect(await t.client.request({ type: 'candidate', participantId: 'bob', candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } })).toMatchObject({ ok: true });

    // The offer is still outstanding after the bad answers: the real one is taken and media flows.
    release();
    await joined;
    alice.startSending('video', VIDEO_500K);
    await eventually(() => bob.receivedFrom('alice', 'video') >= 10, 'bob to receive alice\'s video');
  });

  it('treats a second join with the same participant id as a reconnect', async () => {
    const alice = t.participant({ meetingId: 'm1', participantId: 'alice', publish: ['audio'] });
    await alice.join();
    const again = t.participant({ meetingId: 'm1', participantId: 'alice', publish: ['audio'] });
    await again.join();
    expect(again.offers[0].revision).toBe(1);
    expect(t.node.status()).toMatchObject({ participants: 1, meetings: 1 });
  });
});
