import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, randomUUID } from 'node:crypto';
import { loadConfig } from '@enclave/core';
import type { MeetingEvent, MeetingJoinResponse, MeetingQualityResponse, MeetingResponse, ParticipantResponse } from '@enclave/contracts';
import { createServer, type RunningServer } from '../../apps/server/src/bootstrap/create-server.js';
import { api } from '../e2e/support/http-client.js';
import { IdentitySeeder, type SeededUser } from '../e2e/support/identity-seeder.js';
import { RealtimeTestClient } from '../e2e/support/realtime-client.js';
import { waitFor } from '../e2e/support/realtime-fixtures.js';
import { TestEnvironment } from '../e2e/support/server-process.js';
import { FakeMediaNode } from './support/fake-media-node.js';

const TURN_SECRET = 'medium-turn-secret';

/**
 * Meetings' control plane in-process against real PostgreSQL and Redis, with two media-node
 * doubles speaking the Redis protocol (placement, pinning, commands) instead of an SFU.
 */
describe('meetings: lifecycle, lobby, moderation, signalling relay and placement', () => {
  let env: TestEnvironment;
  let server: RunningServer;
  let seeder: IdentitySeeder;
  let busy: FakeMediaNode;
  let idle: FakeMediaNode;
  const clients: RealtimeTestClient[] = [];
  let host: SeededUser;
  let member: SeededUser;
  let third: SeededUser;
  let outsider: SeededUser;
  let admin: SeededUser;
  let channelId: string;

  const rest = <T = Record<string, unknown>>(user: SeededUser, method: string, path: string, body?: unknown) => api<T>(server.url, method, path, { token: user.token, body });
  const connect = async (user: SeededUser) => {
    const client = new RealtimeTestClient(server.url, { token: user.token });
    clients.push(client);
    await client.ready();
    return client;
  };
  const meetingEvents = (client: RealtimeTestClient) => client.other.filter((o) => o.event === 'meeting.event').map((o) => o.data as MeetingEvent);
  const errorCode = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? 'ok' : ack.error?.code);

  beforeAll(async () => {
    env = await TestEnvironment.create('postgres');
    const config = loadConfig(
      env.serverEnv({
        LOG_LEVEL: 'silent',
        MEDIA_EMBEDDED: 'false',
        MEETINGS_TURN_URLS: 'turn:127.0.0.1:3478?transport=udp',
        MEETINGS_STUN_URLS: 'stun:127.0.0.1:3478',
        MEETINGS_TURN_SECRET: TURN_SECRET,
        MEETINGS_TURN_TTL_SECONDS: '120',
      }),
    );
    server = await createServer(config);
    seeder = await IdentitySeeder.open(env.databaseUrl!, env.redisPrefix);
    busy = new FakeMediaNode('media-busy', env.redisPrefix, { streamsOut: 40 });
    idle = new FakeMediaNode('media-idle', env.redisPrefix, { streamsOut: 2 });
    await Promise.all([busy.start(), idle.start()]);
    const tag = Math.random().toString(36).slice(2, 7);
    [host, member, third, outsider, admin] = await Promise.all(['host', 'member', 'third', 'outsider', 'admin'].map((n) => seeder.user(`${n}-${tag}`)));
    await server.database.dataSource.query(`INSERT INTO user_system_role (user_id, role, granted_at) VALUES ($1, 'system_admin', now())`, [admin.id]);
    admin = await seeder.session(admin.id);
    const created = await rest<{ id: string }>(host, 'POST', '/api/v1/conversations/channels', { name: `call-${tag}`, visibility: 'private', memberIds: [member.id, third.id] });
    channelId = created.body.id;
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all([busy?.stop(), idle?.stop()]);
    await seeder?.close();
    await server?.close();
    await env?.dispose();
  });

  let meeting: MeetingResponse;
  let hostClient: RealtimeTestClient;
  let hostJoin: MeetingJoinResponse;

  it('starts one call per conversation, only for its members, and posts it to the channel', async () => {
    const started = await rest<MeetingResponse>(host, 'POST', `/api/v1/conversations/${channelId}/meeting`, {});
    expect(started.status).toBe(200);
    meeting = started.body;
    expect(meeting).toMatchObject({ conversationId: channelId, status: 'active', hostId: host.id, locked: false, joinUrl: expect.stringMatching(new RegExp(`/meet/${meeting.id}$`)) as unknown });
    // Pressing "call" again, by anyone in the channel, meets in the same call.
    const again = await rest<MeetingResponse>(member, 'POST', `/api/v1/conversations/${channelId}/meeting`, {});
    expect(again.body.id).toBe(meeting.id);
    const stranger = await rest(outsider, 'POST', `/api/v1/conversations/${channelId}/meeting`, {});
    expect([stranger.status, (stranger.body.error as { code: string }).code]).toEqual([403, 'MEETING_NOT_PARTICIPANT']);
    const current = await rest<MeetingResponse>(member, 'GET', `/api/v1/conversations/${channelId}/meeting`);
    expect(current.body.id).toBe(meeting.id);
    const history = await rest<{ items: Array<{ kind: string; systemType: string | null }> }>(host, 'GET', `/api/v1/conversations/${channelId}/messages?limit=50`);
    expect(history.body.items.map((m) => m.systemType)).toContain('meeting_started');
  });

  it('joins over WebSocket: ICE servers with TURN REST credentials, the least-loaded media node, the SFU offer', async () => {
    hostClient = await connect(host);
    const before = Math.floor(Date.now() / 1000);
    const ack = await hostClient.emit<MeetingJoinResponse>('meeting.join', { meetingId: meeting.id });
    expect(errorCode(ack)).toBe('ok');
    hostJoin = (ack as { data: MeetingJoinResponse }).data;
    expect(hostJoin.lobby).toBe(false);
    expect(hostJoin.participant).toMatchObject({ userId: host.id, role: 'host', state: 'joined', audio: true, video: true });
    expect(hostJoin.media?.nodeId).toBe('media-idle');
    expect(hostJoin.offer?.sdp).toContain('media-idle');
    expect(idle.of('join')[0]).toMatchObject({ meetingId: meeting.id, participantId: hostJoin.participant.id, userId: host.id, publish: ['audio', 'video'] });
    const turn = hostJoin.iceServers.find((s) => s.urls[0]?.startsWith('turn:'));
    const [expiry, userId] = (turn?.username ?? '').split(':');
    expect(userId).toBe(host.id);
    expect(Number(expiry)).toBeGreaterThanOrEqual(before + 120);
    expect(Number(expiry)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 120);
    expect(turn?.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn?.username ?? '').digest('base64'));
    expect(hostJoin.iceServers).toContainEqual({ urls: ['stun:127.0.0.1:3478'] });
  });

  let memberClient: RealtimeTestClient;
  let memberParticipantId: string;

  it('keeps a meeting on its media node once placed, even when another node becomes less loaded', async () => {
    busy.load = { streamsOut: 0 };
    idle.load = { streamsOut: 90 };
    await Promise.all([busy.heartbeat(), idle.heartbeat()]);
    memberClient = await connect(member);
    const ack = await memberClient.emit<MeetingJoinResponse>('meeting.join', { meetingId: meeting.id, publish: ['audio'] });
    const joined = (ack as { data: MeetingJoinResponse }).data;
    memberParticipantId = joined.participant.id;
    expect(joined.media?.nodeId).toBe('media-idle');
    expect(joined.participants.map((p) => p.userId).sort()).toEqual([host.id, member.id].sort());
    await waitFor(() => meetingEvents(hostClient).some((e) => e.type === 'participant.joined' && e.participant.userId === member.id), 5000, 'participant.joined at the host');
    // A new meeting goes to the node that is now the least loaded.
    const other = await rest<{ id: string }>(host, 'POST', '/api/v1/conversations/direct', { userId: third.id });
    const call = await rest<MeetingResponse>(host, 'POST', `/api/v1/conversations/${other.body.id}/meeting`, {});
    const thirdClient = await connect(third);
    const dm = await thirdClient.emit<MeetingJoinResponse>('meeting.join', { meetingId: call.body.id });
    expect((dm as { data: MeetingJoinResponse }).data.media?.nodeId).toBe('media-busy');
    await thirdClient.emit('meeting.leave', { meetingId: call.body.id, participantId: (dm as { data: MeetingJoinResponse }).data.participant.id });
    // A node silent for three heartbeats gets no new meetings.
    await busy.heartbeat(60_000);
    const another = await rest<MeetingResponse>(third, 'POST', `/api/v1/conversations/${other.body.id}/meeting`, {});
    const again = await thirdClient.emit<MeetingJoinResponse>('meeting.join', { meetingId: another.body.id });
    expect((again as { data: MeetingJoinResponse }).data.media?.nodeId).toBe('media-idle');
    await thirdClient.emit('meeting.leave', { meetingId: another.body.id, participantId: (again as { data: MeetingJoinResponse }).data.participant.id });
    await busy.heartbeat();
  });

  it('tells everyone in the meeting who the SFU hears speaking, and lists it for those who look later', async () => {
    const hostId = hostJoin.participant.id;
    await idle.emit({ type: 'speaking', meetingId: meeting.id, participantId: hostId, speaking: true });
    await waitFor(() => meetingEvents(memberClient).some((e) => e.type === 'participant.speaking' && e.participantId === hostId && e.speaking), 5000, 'participant.speaking at the member');
    const listed = await rest<ParticipantResponse[]>(member, 'GET', `/api/v1/meetings/${meeting.id}/participants`);
    expect(listed.body.find((p) => p.id === hostId)?.speaking).toBe(true);
    expect(listed.body.find((p) => p.id === memberParticipantId)?.speaking).toBe(false);
    await idle.emit({ type: 'speaking', meetingId: meeting.id, participantId: hostId, speaking: false });
    await waitFor(() => meetingEvents(hostClient).some((e) => e.type === 'participant.speaking' && e.participantId === hostId && !e.speaking), 5000, 'participant.speaking false at the host');
    const after = await rest<ParticipantResponse[]>(member, 'GET', `/api/v1/meetings/${meeting.id}/participants`);
    expect(after.body.find((p) => p.id === hostId)?.speaking).toBe(false);
  });

  it('relays answers and candidates to the meeting node, and only from the device that joined', async () => {
    const answer = await memberClient.emit('meeting.answer', { meetingId: meeting.id, participantId: memberParticipantId, revision: 1, sdp: 'v=0\r\nanswer' });
    expect(errorCode(answer)).toBe('ok');
    expect(idle.of('answer').at(-1)).toMatchObject({ participantId: memberParticipantId, revision: 1 });
    const candidate = await memberClient.emit('meeting.candidate', { meetingId: meeting.id, participantId: memberParticipantId, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
    expect(errorCode(candidate)).toBe('ok');
    // Someone else's participant id, a malformed SDP, a malformed payload.
    expect(errorCode(await hostClient.emit('meeting.answer', { meetingId: meeting.id, participantId: memberParticipantId, revision: 1, sdp: 'v=0\r\nanswer' }))).toBe('MEETING_NOT_PARTICIPANT');
    const outsiderClient = await connect(outsider);
    expect(errorCode(await outsiderClient.emit('meeting.answer', { meetingId: meeting.id, participantId: memberParticipantId, revision: 1, sdp: 'v=0\r\nanswer' }))).toBe('MEETING_NOT_PARTICIPANT');
    expect(errorCode(await memberClient.emit('meeting.answer', { meetingId: meeting.id, participantId: memberParticipantId, revision: 1, sdp: 'this is not sdp at all' }))).toBe('MEETING_INVALID_SIGNAL');
    expect(errorCode(await memberClient.emit('meeting.answer', { meetingId: meeting.id, participantId: 'nope', sdp: 5 }))).toBe('VALIDATION_FAILED');
    // Renegotiation offers the node starts reach the participant's socket.
    await idle.emit({ type: 'offer', meetingId: meeting.id, participantId: memberParticipantId, offer: { sdp: 'v=0\r\nrenegotiate', revision: 2, publish: [], subscriptions: [] } });
    await waitFor(() => memberClient.other.some((o) => o.event === 'meeting.signal'), 5000, 'meeting.signal');
    expect(hostClient.other.some((o) => o.event === 'meeting.signal' && (o.data as { participantId: string }).participantId === memberParticipantId)).toBe(false);
  });

  let outsiderClient: RealtimeTestClient;
  let outsiderParticipantId: string;

  it('puts people from outside the conversation in the lobby until the host admits them', async () => {
    outsiderClient = await connect(outsider);
    const ack = await outsiderClient.emit<MeetingJoinResponse>('meeting.join', { meetingId: meeting.id });
    const waiting = (ack as { data: MeetingJoinResponse }).data;
    expect(waiting).toMatchObject({ lobby: true, offer: null, media: null, participants: [] });
    outsiderParticipantId = waiting.participant.id;
    await waitFor(() => meetingEvents(hostClient).some((e) => e.type === 'lobby.waiting' && e.participant.id === outsiderParticipantId), 5000, 'lobby.waiting');
    // Only moderators let people in.
    const refused = await memberClient.emit('meeting.moderate', { meetingId: meeting.id, action: 'admit', participantId: outsiderParticipantId });
    expect(errorCode(refused)).toBe('MEETING_NOT_MODERATOR');
    const admitted = await rest(host, 'POST', `/api/v1/meetings/${meeting.id}/moderation`, { action: 'admit', participantId: outsiderParticipantId });
    expect(admitted.status).toBe(200);
    await waitFor(() => meetingEvents(outsiderClient).some((e) => e.type === 'lobby.admitted'), 5000, 'lobby.admitted');
    const joined = await outsiderClient.emit<MeetingJoinResponse>('meeting.join', { meetingId: meeting.id });
    expect((joined as { data: MeetingJoinResponse }).data).toMatchObject({ lobby: false, participant: { id: outsiderParticipantId, state: 'joined' } });
  });

  it('lets the host mute a participant, who cannot unmute themself', async () => {
    const muted = await hostClient.emit('meeting.moderate', { meetingId: meeting.id, action: 'mute', participantId: memberParticipantId, source: 'audio' });
    expect(errorCode(muted)).toBe('ok');
    expect(idle.of('mute').at(-1)).toEqual({ type: 'mute', participantId: memberParticipantId, source: 'audio', muted: true });
    await waitFor(() => meetingEvents(memberClient).some((e) => e.type === 'you.muted'), 5000, 'you.muted');
    await waitFor(() => meetingEvents(hostClient).some((e) => e.type === 'participant.updated' && e.participant.id === memberParticipantId && e.participant.mutedByHost.includes('audio') && !e.participant.audio), 5000, 'muted state');
    expect(errorCode(await memberClient.emit('meeting.update', { meetingId: meeting.id, participantId: memberParticipantId, audio: true }))).toBe('MEETING_MUTED_BY_HOST');
    expect(errorCode(await memberClient.emit('meeting.update', { meetingId: meeting.id, participantId: memberParticipantId, handRaised: true }))).toBe('ok');
  });

  it('stores quality reports and shows administrators the per-participant summary', async () => {
    // Browsers report fractions (getStats RTT in seconds × 1000, bitrates from byte deltas).
    for (const [loss, rtt] of [
      [0.5, 20.25],
      [3.5, 40.75],
    ]) {
      const ack = await memberClient.emit('meeting.stats', { meetingId: meeting.id, participantId: memberParticipantId, stats: { lossPercent: loss, rttMs: rtt, jitterMs: 4.2, bitrateInKbps: 500.5, bitrateOutKbps: 141.3, framesDecoded: 100, framesDropped: 1 } });
      expect(errorCode(ack)).toBe('ok');
    }
    expect(errorCode(await memberClient.emit('meeting.stats', { meetingId: meeting.id, participantId: memberParticipantId, stats: { lossPercent: 250 } }))).toBe('VALIDATION_FAILED');
    // Only the device that joined reports for its participant, and only for its meeting.
    expect(errorCode(await hostClient.emit('meeting.stats', { meetingId: meeting.id, participantId: memberParticipantId, stats: { lossPercent: 1 } }))).toBe('MEETING_NOT_PARTICIPANT');
    expect(errorCode(await memberClient.emit('meeting.stats', { meetingId: randomUUID(), participantId: memberParticipantId, stats: { lossPercent: 1 } }))).toBe('MEETING_NOT_PARTICIPANT');
    const quality = await rest<MeetingQualityResponse>(admin, 'GET', `/api/v1/meetings/${meeting.id}/quality`);
    expect(quality.status).toBe(200);
    const row = quality.body.participants.find((p) => p.participantId === memberParticipantId);
    expect(row).toMatchObject({ samples: 2, lossAvgPercent: 2, lossPeakPercent: 3.5, rttAvgMs: 30.5, rttPeakMs: 40.75, bitrateInAvgKbps: 500.5, bitrateOutAvgKbps: 141.3, framesDecoded: 100 });
    expect(quality.body.participants.map((p) => p.userId)).toEqual(expect.arrayContaining([host.id, member.id, outsider.id]));
    const denied = await rest(member, 'GET', `/api/v1/meetings/${meeting.id}/quality`);
    expect(denied.status).toBe(403);
  });

  it('removes a participant, and a locked meeting lets nobody new in', async () => {
    const removed = await hostClient.emit('meeting.moderate', { meetingId: meeting.id, action: 'remove', participantId: outsiderParticipantId });
    expect(errorCode(removed)).toBe('ok');
    await waitFor(() => meetingEvents(outsiderClient).some((e) => e.type === 'you.removed'), 5000, 'you.removed');
    expect(idle.of('leave').map((c) => c.participantId)).toContain(outsiderParticipantId);
    expect(errorCode(await outsiderClient.emit('meeting.answer', { meetingId: meeting.id, participantId: outsiderParticipantId, revision: 1, sdp: 'v=0\r\nanswer' }))).toBe('MEETING_NOT_PARTICIPANT');
    // Removed and unlocked: back to the lobby, not straight in.
    const back = await outsiderClient.emit<MeetingJoinResponse>('meeting.join', { meetingId: meeting.id });
    expect((back as { data: MeetingJoinResponse }).data.lobby).toBe(true);
    await rest(host, 'POST', `/api/v1/meetings/${meeting.id}/moderation`, { action: 'deny', participantId: (back as { data: MeetingJoinResponse }).data.participant.id });
    expect((await rest<MeetingResponse>(host, 'POST', `/api/v1/meetings/${meeting.id}/moderation`, { action: 'lock' })).body.locked).toBe(true);
    expect(errorCode(await outsiderClient.emit('meeting.join', { meetingId: meeting.id }))).toBe('MEETING_LOCKED');
    const thirdClient = await connect(third);
    expect(errorCode(await thirdClient.emit('meeting.join', { meetingId: meeting.id }))).toBe('MEETING_LOCKED');
    expect((await rest<MeetingResponse>(host, 'POST', `/api/v1/meetings/${meeting.id}/moderation`, { action: 'unlock' })).body.locked).toBe(false);
  });

  it('ends with its last participant: ended everywhere, in the channel, and in the audit trail', async () => {
    await memberClient.emit('meeting.leave', { meetingId: meeting.id, participantId: memberParticipantId });
    await waitFor(() => meetingEvents(hostClient).some((e) => e.type === 'participant.left' && e.participant.id === memberParticipantId), 5000, 'participant.left');
    // The host's socket closing is a leave too.
    hostClient.close();
    await waitFor(() => idle.of('end').some((c) => c.meetingId === meeting.id), 10_000, 'media end');
    const ended = await rest<MeetingResponse>(member, 'GET', `/api/v1/meetings/${meeting.id}`);
    expect(ended.body).toMatchObject({ status: 'ended', participantCount: 0 });
    expect(errorCode(await memberClient.emit('meeting.join', { meetingId: meeting.id }))).toBe('MEETING_ENDED');
    const history = await rest<{ items: Array<{ systemType: string | null }> }>(member, 'GET', `/api/v1/conversations/${channelId}/messages?limit=100`);
    const timeline = history.body.items.map((m) => m.systemType).filter((t) => t?.startsWith('meeting_'));
    expect(timeline).toEqual(expect.arrayContaining(['meeting_started', 'meeting_joined', 'meeting_removed', 'meeting_left', 'meeting_ended']));
    await waitFor(() => memberClient.other.some((o) => o.event === 'meeting.call' && (o.data as { active: boolean }).active === false), 5000, 'call marker off');
    const rows = await server.database.dataSource.query<Array<{ action: string }>>(`SELECT action FROM audit_event WHERE target_id = $1`, [meeting.id]);
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set(['meeting.started', 'meeting.participant.joined', 'meeting.participant.admitted', 'meeting.participant.muted', 'meeting.participant.removed', 'meeting.participant.denied', 'meeting.locked', 'meeting.unlocked', 'meeting.participant.left', 'meeting.ended']),
    );
  });

  it('ends when a moderator removes its last participant, as it does when the last one leaves', async () => {
    const dm = await rest<{ id: string }>(host, 'POST', '/api/v1/conversations/direct', { userId: member.id });
    const call = await rest<MeetingResponse>(host, 'POST', `/api/v1/conversations/${dm.body.id}/meeting`, {});
    const client = await connect(member);
    const joined = await client.emit<MeetingJoinResponse>('meeting.join', { meetingId: call.body.id });
    const participantId = (joined as { data: MeetingJoinResponse }).data.participant.id;
    const removed = await rest<MeetingResponse>(host, 'POST', `/api/v1/meetings/${call.body.id}/moderation`, { action: 'remove', participantId });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ status: 'ended', participantCount: 0 });
    await waitFor(() => [idle, busy].some((node) => node.of('end').some((c) => c.meetingId === call.body.id)), 5000, 'media end');
    client.close();
  });

  it('schedules meetings with invitees and a join link; bad input is a clear 400', async () => {
    const startsAt = new Date(Date.now() + 3600_000).toISOString();
    const endsAt = new Date(Date.now() + 7200_000).toISOString();
    const scheduled = await rest<MeetingResponse>(host, 'POST', '/api/v1/meetings', { title: '周会 weekly', startsAt, endsAt, inviteeIds: [outsider.id] });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', title: '周会 weekly', inviteeIds: [outsider.id], conversationId: null });
    // The invitee joins straight in; someone else waits in the lobby.
    const invitee = await connect(outsider);
    const inAck = await invitee.emit<MeetingJoinResponse>('meeting.join', { meetingId: scheduled.body.id });
    expect((inAck as { data: MeetingJoinResponse }).data.lobby).toBe(false);
    const other = await connect(third);
    expect(((await other.emit<MeetingJoinResponse>('meeting.join', { meetingId: scheduled.body.id })) as { data: MeetingJoinResponse }).data.lobby).toBe(true);
    const list = await rest<{ items: MeetingResponse[] }>(outsider, 'GET', '/api/v1/meetings?status=active');
    expect(list.body.items.map((m) => m.id)).toContain(scheduled.body.id);
    const invisible = await rest(member, 'GET', `/api/v1/meetings/${scheduled.body.id}`);
    expect(invisible.status).toBe(404);
    const backwards = await rest(host, 'POST', '/api/v1/meetings', { title: 'x', startsAt: endsAt, endsAt: startsAt });
    expect([backwards.status, (backwards.body.error as { code: string }).code]).toEqual([400, 'MEETING_INVALID_SCHEDULE']);
    const junk = await rest(host, 'POST', '/api/v1/meetings', { title: 'x', startsAt: 'tomorrow', endsAt, inviteeIds: ['not-a-uuid'] });
    expect([junk.status, (junk.body.error as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknownMeeting = await rest(host, 'GET', '/api/v1/meetings/6a1c1d0e-4f2b-4c8e-9a7d-3b5e8f0a1c2d');
    expect(unknownMeeting.status).toBe(404);
  });

  it('says so when no media node is alive', async () => {
    await Promise.all([busy.heartbeat(60_000), idle.heartbeat(60_000)]);
    const dm = await rest<{ id: string }>(member, 'POST', '/api/v1/conversations/direct', { userId: host.id });
    const call = await rest<MeetingResponse>(member, 'POST', `/api/v1/conversations/${dm.body.id}/meeting`, {});
    const ack = await memberClient.emit('meeting.join', { meetingId: call.body.id });
    expect(errorCode(ack)).toBe('MEETING_NO_MEDIA_NODE');
    await Promise.all([busy.heartbeat(), idle.heartbeat()]);
  });
});
