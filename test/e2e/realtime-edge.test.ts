/**
 * The WebSocket edge refuses bad input with the documented error acks and stays healthy:
 * malformed payloads of every event kind, oversize frames, expired and forged tokens,
 * conversations you are not in, unknown events, the rate limit. Also presence and typing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import type { MessageResponse, PresenceEvent, TypingEvent } from '@enclave/contracts';
import { IdentitySeeder } from './support/identity-seeder.js';
import { createChannel, createWorld, uname, waitFor, type RealtimeWorld, type SeededUser } from './support/realtime-fixtures.js';

const UUID = '00000000-0000-4000-8000-000000000000';

function connectError(url: string, token: string | undefined): Promise<{ message: string; code?: string }> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], auth: token === undefined ? {} : { token }, reconnection: false });
    socket.on('connect', () => {
      socket.close();
      reject(new Error('connected'));
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      socket.close();
      resolve({ message: err.message, code: err.data?.code });
    });
  });
}

describe('realtime edge', () => {
  let world: RealtimeWorld;
  let alice: SeededUser;
  let bob: SeededUser;
  let outsider: SeededUser;
  let channel: string;

  beforeAll(async () => {
    world = await createWorld({ REALTIME_MAX_EVENT_BYTES: '16kb', REALTIME_MAX_FRAME_BYTES: '256kb', REALTIME_SEND_RATE_PER_SECOND: '20', REALTIME_SEND_BURST: '40' });
    alice = await world.seeder.user(uname('alice'));
    bob = await world.seeder.user(uname('bob'));
    outsider = await world.seeder.user(uname('outsider'));
    channel = await createChannel(world.servers[0].url, alice, [alice, bob]);
  });
  afterAll(async () => world?.close());

  it.each([
    ['message.send', { conversationId: 'not-a-uuid', text: 'x' }],
    ['message.send', { conversationId: UUID, text: '' }],
    ['message.send', { conversationId: UUID, text: 'x', clientMsgId: 'bad id with spaces' }],
    ['message.send', { conversationId: UUID, text: 'x', admin: true }],
    ['thread.reply', { conversationId: UUID, text: 'x' }],
    ['message.edit', { messageId: 'nope', text: 'x' }],
    ['message.delete', {}],
    ['reaction.set', { messageId: UUID, emoji: 'x', action: 'explode' }],
    ['read.mark', { conversationId: UUID, seq: -1 }],
    ['sync', { conversations: ['not', 'a', 'map'] }],
    ['typing.start', { conversationId: 42 }],
    ['typing.stop', {}],
    ['presence.set', { status: 'busy' }],
    ['presence.subscribe', { userIds: [] }],
    ['presence.unsubscribe', { userIds: ['x'] }],
    ['message.send', 'just a string'],
  ])('%s with %j gets VALIDATION_FAILED', async (event, payload) => {
    const client = await world.connect(bob);
    const ack = await client.emit(event, payload);
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    client.close();
  });

  it('answers an unknown event with UNKNOWN_EVENT', async () => {
    const client = await world.connect(bob);
    expect(await client.emit('admin.nuke', { all: true })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    client.close();
  });

  it('refuses an event over the logical limit with PAYLOAD_TOO_LARGE and keeps the connection', async () => {
    const client = await world.connect(bob);
    const ack = await client.emit('message.send', { conversationId: channel, clientMsgId: 'big', text: 'x'.repeat(20 * 1024) });
    expect(ack).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: 16 * 1024 } } });
    expect(client.socket.connected).toBe(true);
    expect((await client.emit('message.send', { conversationId: channel, clientMsgId: 'small-after-big', text: 'ok' })).ok).toBe(true);
    client.close();
  });

  it('closes a connection whose frame exceeds the hard cap', async () => {
    const client = await world.connect(bob);
    const closed = new Promise<string>((resolve) => client.socket.on('disconnect', (reason) => resolve(reason)));
    client.socket.emit('message.send', { conversationId: channel, text: 'x'.repeat(300 * 1024) }, () => undefined);
    expect(await closed).toBe('transport close');
    client.close();
  });

  it('refuses handshakes without, with a forged or with an expired token', async () => {
    const url = world.servers[0].url;
    expect((await connectError(url, undefined)).code).toBe('UNAUTHENTICATED');
    expect((await connectError(url, `${bob.token.slice(0, -4)}AAAA`)).code).toBe('UNAUTHENTICATED');
    const past = await IdentitySeeder.open(world.env.databaseUrl!, world.env.redisPrefix, 2 * 3600 * 1000);
    try {
      const stale = await past.user(uname('stale'));
      expect(await connectError(url, stale.token)).toEqual({ message: 'The access token has expired; refresh it.', code: 'AUTH_TOKEN_EXPIRED' });
    } finally {
      await past.close();
    }
  });

  it('refuses sending to a conversation you are not in', async () => {
    const client = await world.connect(outsider);
    const ack = await client.emit('message.send', { conversationId: channel, clientMsgId: 'intrude', text: 'let me in' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
    expect(await client.emit('typing.start', { conversationId: channel })).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
    expect(await client.emit('read.mark', { conversationId: channel, seq: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
    client.close();
  });

  it('rate-limits a user across devices with RATE_LIMITED and retryAfterMs', async () => {
    const spammer = await world.seeder.user(uname('spammer'));
    const second = await world.seeder.session(spammer.id);
    const [d1, d2] = await Promise.all([world.connect(spammer), world.connect(second)]);
    const acks = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? d1 : d2).emit('presence.set', { status: 'online' })));
    const limited = acks.filter((a) => !a.ok);
    expect(limited.length).toBeGreaterThanOrEqual(40);
    for (const a of limited) {
      expect(a).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect((a.ok ? 0 : (a.error.details?.retryAfterMs as number)) > 0).toBe(true);
    }
    d1.close();
    d2.close();
  });

  it('pushes presence (online, dnd with end time, offline) and typing to subscribers', async () => {
    const watcher = await world.connect(alice);
    const target = await world.seeder.user(uname('target'));
    const sub = await watcher.emit<PresenceEvent[]>('presence.subscribe', { userIds: [target.id] });
    expect(sub).toEqual({ ok: true, data: [{ userId: target.id, status: 'offline' }] });
    const t = await world.connect(target);
    await waitFor(() => watcher.other.some((o) => o.event === 'presence' && (o.data as PresenceEvent).userId === target.id && (o.data as PresenceEvent).status === 'online'), 5000, 'online');
    const until = new Date(Date.now() + 3600_000).toISOString();
    expect((await t.emit('presence.set', { status: 'dnd', until })).ok).toBe(true);
    await waitFor(() => watcher.other.some((o) => (o.data as PresenceEvent).status === 'dnd' && (o.data as PresenceEvent).until === until), 5000, 'dnd');
    t.close();
    await waitFor(() => watcher.other.some((o) => (o.data as PresenceEvent).userId === target.id && (o.data as PresenceEvent).status === 'offline'), 5000, 'offline');

    const b = await world.connect(bob);
    expect(await b.emit('typing.start', { conversationId: channel })).toEqual({ ok: true, data: { sent: true } });
    expect(await b.emit('typing.start', { conversationId: channel })).toEqual({ ok: true, data: { sent: false } });
    await waitFor(() => watcher.other.some((o) => o.event === 'typing' && (o.data as TypingEvent).userId === bob.id && (o.data as TypingEvent).typing), 5000, 'typing');
    b.close();
    watcher.close();
  });

  it('is unharmed afterwards: others still send and receive', async () => {
    const [a, b] = await Promise.all([world.connect(alice), world.connect(bob)]);
    const ack = await a.emit<MessageResponse>('message.send', { conversationId: channel, clientMsgId: 'after-all', text: 'still here' });
    expect(ack.ok).toBe(true);
    await waitFor(() => (b.applied.get(channel) ?? []).some((e) => e.type === 'message.created' && (e.payload as { message: MessageResponse }).message.clientMsgId === 'after-all'), 5000, 'delivery');
  });
});
