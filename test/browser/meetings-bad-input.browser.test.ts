/**
 * Bad input over the meeting WebSocket and at the TURN server, while two people are in a call in
 * Chromium: each gets a clear error code, and the SFU keeps serving the call.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import type { Ack, IceServerResponse, MeetingJoinResponse, MeetingResponse } from '@enclave/contracts';
import { RealtimeTestClient } from '../e2e/support/realtime-client.js';
import { BrowserWorld, type BrowserUser } from './support/browser-world.js';
import type { CallPage } from './support/call-page.js';

interface GatherResult {
  readonly types: string[];
  readonly errors: number[];
}

/**
 * In the page: a relay-only RTCPeerConnection with `iceServers` gathers its candidates; returns
 * their types and the error codes of failed TURN requests (401: credential refused). Runs as
 * page source, so it names only what the browser has.
 */
function gatherRelayCandidates(iceServers: IceServerResponse[]): Promise<GatherResult> {
  interface Candidate {
    readonly candidate: string;
  }
  interface ProbePc {
    onicecandidate: ((event: { candidate: Candidate | null }) => void) | null;
    onicecandidateerror: ((event: { errorCode: number }) => void) | null;
    onicegatheringstatechange: (() => void) | null;
    readonly iceGatheringState: string;
    createDataChannel(label: string): unknown;
    createOffer(): Promise<unknown>;
    setLocalDescription(description: unknown): Promise<void>;
    close(): void;
  }
  const Pc = (globalThis as unknown as { RTCPeerConnection: new (config: unknown) => ProbePc }).RTCPeerConnection;
  const pc = new Pc({ iceServers, iceTransportPolicy: 'relay' });
  const types: string[] = [];
  const errors: number[] = [];
  return new Promise((resolve) => {
    const finish = () => {
      pc.close();
      resolve({ types, errors });
    };
    pc.onicecandidate = (event) => {
      if (event.candidate?.candidate) types.push(/ typ (\w+)/.exec(event.candidate.candidate)?.[1] ?? '?');
      else if (!event.candidate) finish();
    };
    pc.onicecandidateerror = (event) => errors.push(event.errorCode);
    pc.onicegatheringstatechange = () => {
      if (pc.iceGatheringState === 'complete') finish();
    };
    pc.createDataChannel('probe');
    void pc.createOffer().then((offer) => pc.setLocalDescription(offer));
  });
}

describe('bad meeting input in a live call', () => {
  let world: BrowserWorld;
  let host: BrowserUser;
  let bob: BrowserUser;
  let dave: BrowserUser;
  let outsider: BrowserUser;
  let meeting: MeetingResponse;
  let hostPage: CallPage;
  let bobPage: CallPage;
  let ids: { host: string; bob: string };
  const sockets: RealtimeTestClient[] = [];

  async function socketOf(user: BrowserUser): Promise<RealtimeTestClient> {
    const client = new RealtimeTestClient(world.url, { token: user.token });
    sockets.push(client);
    await client.ready();
    return client;
  }

  /** The call still carries media both ways: each decodes more of the other than `before`. */
  async function callStillFlows(): Promise<void> {
    const [hostBefore, bobBefore] = [await hostPage.stats(), await bobPage.stats()];
    await hostPage.waitDecoding([ids.bob], 'video', hostBefore);
    await bobPage.waitDecoding([ids.host], 'video', bobBefore);
  }

  beforeAll(async () => {
    world = await BrowserWorld.start('bad-input');
    host = await world.user('alice', 'Alice Wang');
    bob = await world.user('bob', 'Bob Li');
    dave = await world.user('dave', 'Dave Zhao');
    outsider = await world.user('mallory', 'Mallory');
    const channel = await world.channel(host, [bob, dave]);
    meeting = await world.startCall(host, channel);
    hostPage = await world.open(host, meeting.id);
    bobPage = await world.open(bob, meeting.id);
    ids = { host: (await hostPage.participantId())!, bob: (await bobPage.participantId())! };
    await hostPage.waitDecoding([ids.bob]);
    await bobPage.waitDecoding([ids.host]);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    const errors = world?.pages.flatMap((p) => p.errors) ?? [];
    await world?.close();
    expect(errors).toEqual([]);
  });

  it('refuses signalling for a meeting one is not in with MEETING_NOT_PARTICIPANT', async () => {
    const fakeAnswer = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 };

    // Someone outside the meeting (not even in its conversation) names the host's attendance.
    const mallory = await socketOf(outsider);
    const asOutsider = [
      await mallory.emit('meeting.answer', { meetingId: meeting.id, participantId: ids.host, revision: 1, sdp: fakeAnswer }),
      await mallory.emit('meeting.candidate', { meetingId: meeting.id, participantId: ids.host, candidate }),
      await mallory.emit('meeting.publish', { meetingId: meeting.id, participantId: ids.host, source: 'screen', on: true }),
      await mallory.emit('meeting.update', { meetingId: meeting.id, participantId: ids.host, audio: false }),
      await mallory.emit('meeting.leave', { meetingId: meeting.id, participantId: ids.host }),
    ];
    for (const ack of asOutsider) expect(ack).toMatchObject({ ok: false, error: { code: 'MEETING_NOT_PARTICIPANT' } });

    // A participant of the meeting signalling for someone else's attendance, or for another meeting.
    const otherMeeting = await world.startCall(bob, await world.channel(bob, [host]), 'Another call');
    const forHost = await bobPage.run((call, a) => call.request('meeting.answer', { meetingId: a.meetingId, participantId: a.hostId, revision: 1, sdp: a.sdp }), { meetingId: meeting.id, hostId: ids.host, sdp: fakeAnswer });
    const elsewhere = await bobPage.run((call, a) => call.request('meeting.candidate', { meetingId: a.meetingId, participantId: a.bobId, candidate: a.candidate }), { meetingId: otherMeeting.id, bobId: ids.bob, candidate });
    expect(forHost).toMatchObject({ ok: false, error: { code: 'MEETING_NOT_PARTICIPANT' } });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'MEETING_NOT_PARTICIPANT' } });

    // Nobody was harmed: the host is still in, and media still flows.
    expect(await hostPage.run((call) => call.joined)).toBe(true);
    await callStillFlows();
  });

  it('answers a malformed SDP with MEETING_INVALID_SIGNAL, and the SFU keeps serving the others', async () => {
    const client = await socketOf(await world.session(dave));
    const join = await client.emit<MeetingJoinResponse>('meeting.join', { meetingId: meeting.id, publish: [] });
    expect(join.ok).toBe(true);
    const joined = (join as Extract<Ack<MeetingJoinResponse>, { ok: true }>).data;
    expect(joined.offer).not.toBeNull();
    const ref = { meetingId: meeting.id, participantId: joined.participant.id };

    const garbage = await client.emit('meeting.answer', { ...ref, revision: joined.offer!.revision, sdp: 'v=0\r\nthis is not an SDP answer\r\n' });
    expect(garbage).toMatchObject({ ok: false, error: { code: 'MEETING_INVALID_SIGNAL' } });
    // The offer turned around (an offer is not an answer, and its fingerprint is the SFU's own).
    const mirrored = await client.emit('meeting.answer', { ...ref, revision: joined.offer!.revision, sdp: joined.offer!.sdp });
    expect(mirrored).toMatchObject({ ok: false, error: { code: 'MEETING_INVALID_SIGNAL' } });
    const badCandidate = await client.emit('meeting.candidate', { ...ref, candidate: { candidate: 'candidate:garbage', sdpMid: '0', sdpMLineIndex: 0 } });
    expect(badCandidate).toMatchObject({ ok: false, error: { code: 'MEETING_INVALID_SIGNAL' } });

    // The two people in the call see nothing of it: still joined, still decoding each other.
    expect(await hostPage.run((call) => call.joined)).toBe(true);
    expect(await bobPage.run((call) => call.joined)).toBe(true);
    await callStillFlows();
    expect(await client.emit('meeting.leave', ref)).toMatchObject({ ok: true });
  });

  it('has coturn refuse a stale TURN credential (no relay candidate) and accept a fresh one', async () => {
    const client = await socketOf(await world.session(dave));
    const join = await client.emit<MeetingJoinResponse>('meeting.join', { meetingId: meeting.id, publish: [] });
    expect(join.ok).toBe(true);
    const joined = (join as Extract<Ack<MeetingJoinResponse>, { ok: true }>).data;
    const fresh = joined.iceServers.find((server) => server.urls.some((url) => url.startsWith('turn:')));
    expect(fresh?.username).toMatch(/^\d+:/);
    await client.emit('meeting.leave', { meetingId: meeting.id, participantId: joined.participant.id });

    // Correctly signed with the shared secret, but its expiry is an hour ago.
    const username = `${Math.floor(Date.now() / 1000) - 3600}:${dave.id}`;
    const stale: IceServerResponse = { urls: fresh!.urls, username, credential: createHmac('sha1', world.turnSecret).update(username).digest('base64') };

    const refused = await hostPage.page.evaluate(gatherRelayCandidates, [stale]);
    expect(refused.types.filter((t) => t === 'relay')).toEqual([]);
    expect(refused.errors).toContain(401);
    // coturn's own word for it (its log, verbose): the expired username got 401 Unauthorized.
    expect(world.coturn.output()).toMatch(new RegExp(`user <${username}>: incoming packet message processed, error 401`));

    const accepted = await hostPage.page.evaluate(gatherRelayCandidates, [fresh!]);
    expect(accepted.types).toContain('relay');
  });

  it('keeps someone outside the conversation in the lobby until the host admits them', async () => {
    const waiting = await world.open(outsider, meeting.id, { noWait: true });
    await waiting.page.waitForSelector('[data-screen="message"]:not([hidden]) >> text=Waiting for the host to let you in');
    expect(await waiting.run((call) => call.inLobby)).toBe(true);
    // The token left the address bar once read.
    expect(waiting.page.url()).not.toContain('token=');

    await waiting.screenshot(world.artifact('lobby-waiting.png'));

    // The host sees them waiting and lets them in from the lobby panel.
    await hostPage.page.waitForSelector('#lobby-list li >> text=Admit');
    await hostPage.screenshot(world.artifact('lobby-host-panel.png'));
    await hostPage.page.click('#lobby-list li >> text=Admit');
    await waiting.waitJoined();
    const outsiderId = (await waiting.participantId())!;
    await hostPage.waitDecoding([outsiderId]);
    await waiting.close();
  });
});
