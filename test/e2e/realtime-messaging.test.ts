/**
 * Messaging over WebSocket against a started server on PostgreSQL + Redis: convergence of
 * several devices, idempotent sends, ordering under concurrent senders, and catch-up after
 * being offline (within and past the sync window).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CatchUpResponse, ConversationEventEnvelope, MessageResponse } from '@enclave/contracts';
import { createChannel, createWorld, uname, waitFor, type RealtimeTestClient, type RealtimeWorld, type SeededUser } from './support/realtime-fixtures.js';

interface ViewMessage {
  text: string;
  deleted: boolean;
  threadRootId: string | null;
  reactions: Record<string, number>;
}

/** What a device shows for a conversation, derived only from the events it applied. */
function view(client: RealtimeTestClient, conversationId: string): Record<string, ViewMessage> {
  const out: Record<string, ViewMessage> = {};
  for (const e of client.applied.get(conversationId) ?? []) {
    const p = e.payload as Record<string, unknown>;
    if (e.type === 'message.created' || e.type === 'message.updated') {
      const m = p.message as MessageResponse;
      out[m.id] = { text: m.text, deleted: m.deleted, threadRootId: m.threadRootId, reactions: out[m.id]?.reactions ?? {} };
    } else if (e.type === 'message.deleted') {
      const m = out[p.messageId as string];
      if (m) m.deleted = true;
    } else if (e.type === 'reaction.changed') {
      const m = out[p.messageId as string];
      if (m) m.reactions[p.emoji as string] = p.count as number;
    }
  }
  return out;
}

function createdIds(client: RealtimeTestClient, conversationId: string): string[] {
  return (client.applied.get(conversationId) ?? []).filter((e) => e.type === 'message.created').map((e) => (e.payload as { message: MessageResponse }).message.id);
}

function seqs(client: RealtimeTestClient, conversationId: string): number[] {
  return (client.applied.get(conversationId) ?? []).map((e: ConversationEventEnvelope) => e.seq);
}

/** The conversation's current seq, asked the way a client would (a sync from 0 answers latestSeq). */
async function latestSeq(client: RealtimeTestClient, conversationId: string): Promise<number> {
  const ack = await client.emit<CatchUpResponse>('sync', { conversations: { [conversationId]: 0 } });
  if (!ack.ok) throw new Error(`sync failed: ${ack.error.code}`);
  return ack.data.conversations[0].latestSeq;
}

function expectContiguous(list: number[]): void {
  for (let i = 1; i < list.length; i++) if (list[i] !== list[i - 1] + 1) throw new Error(`seq gap or disorder at ${i}: ${list[i - 1]} -> ${list[i]}`);
}

describe('realtime messaging', () => {
  let world: RealtimeWorld;
  let alice: SeededUser;
  let bob: SeededUser;

  beforeAll(async () => {
    world = await createWorld({ REALTIME_SEND_RATE_PER_SECOND: '100000', REALTIME_SEND_BURST: '100000' });
    alice = await world.seeder.user(uname('alice'));
    bob = await world.seeder.user(uname('bob'));
  });
  afterAll(async () => world?.close());

  it('two users on three devices converge on sends, edits, deletes, reactions, thread replies and read marks', async () => {
    const channel = await createChannel(world.servers[0].url, alice, [alice, bob]);
    const alice2 = await world.seeder.session(alice.id);
    const [a1, a2, b1] = await Promise.all([world.connect(alice), world.connect(alice2), world.connect(bob)]);
    const base = await latestSeq(a1, channel);
    for (const c of [a1, a2, b1]) c.lastSeq.set(channel, base);

    const sent = await a1.emit<MessageResponse>('message.send', { conversationId: channel, clientMsgId: 'conv-1', text: 'hello' });
    expect(sent.ok).toBe(true);
    const root = sent.ok ? sent.data : undefined!;
    expect(root.seq).toBeGreaterThan(0);
    const other = await b1.emit<MessageResponse>('message.send', { conversationId: channel, clientMsgId: 'conv-2', text: 'to delete' });
    expect(other.ok).toBe(true);
    const reply = await b1.emit<MessageResponse>('thread.reply', { conversationId: channel, threadRootId: root.id, clientMsgId: 'conv-3', text: 'in thread' });
    expect(reply.ok).toBe(true);
    expect((await a2.emit('message.edit', { messageId: root.id, text: 'hello, edited' })).ok).toBe(true);
    expect((await b1.emit('message.delete', { messageId: other.ok ? other.data.id : '' })).ok).toBe(true);
    expect((await a1.emit('reaction.set', { messageId: root.id, emoji: '👍', action: 'add' })).ok).toBe(true);
    expect((await b1.emit('reaction.set', { messageId: root.id, emoji: '👍', action: 'add' })).ok).toBe(true);
    const lastSeq = Math.max(...seqs(a1, channel), root.seq);
    expect((await a2.emit('read.mark', { conversationId: channel, seq: lastSeq })).ok).toBe(true);

    await waitFor(() => [a1, a2, b1].every((c) => (c.applied.get(channel)?.length ?? 0) >= 7), 10_000, 'all devices to apply 7 events');
    const reference = view(a1, channel);
    expect(Object.values(reference)).toHaveLength(3);
    expect(reference[root.id]).toEqual({ text: 'hello, edited', deleted: false, threadRootId: null, reactions: { '👍': 2 } });
    expect(view(a2, channel)).toEqual(reference);
    expect(view(b1, channel)).toEqual(reference);
    // Read marks are per user: both of alice's devices learn it, bob's does not.
    await waitFor(() => [a1, a2].every((c) => c.userEvents.some((e) => e.type === 'read.updated')), 10_000, 'read.updated on both devices');
    expect(b1.userEvents.some((e) => e.type === 'read.updated')).toBe(false);
  });

  it('the same clientMsgId sent five times concurrently stores one message and acks it five times identically', async () => {
    const channel = await createChannel(world.servers[0].url, alice, [alice, bob]);
    const [a, b] = await Promise.all([world.connect(alice), world.connect(bob)]);
    b.lastSeq.set(channel, await latestSeq(b, channel));
    const payload = { conversationId: channel, clientMsgId: 'idem-1', text: 'once' };
    const acks = await Promise.all(Array.from({ length: 5 }, () => a.emit<MessageResponse>('message.send', payload)));
    expect(acks.every((x) => x.ok)).toBe(true);
    const ids = new Set(acks.map((x) => (x.ok ? `${x.data.id}/${x.data.seq}` : '')));
    expect(ids.size).toBe(1);
    expect(new Set(acks.map((x) => JSON.stringify(x))).size).toBe(1);
    await waitFor(() => createdIds(b, channel).length >= 1, 5000, 'delivery');
    await new Promise((r) => setTimeout(r, 300));
    expect(createdIds(b, channel)).toHaveLength(1);
  });

  it('5 concurrent senders x 200 messages: every receiver sees one strictly increasing, gap-free sequence', async () => {
    const senders = await Promise.all(Array.from({ length: 5 }, (_, i) => world.seeder.user(uname(`sender${i}`))));
    const readers = await Promise.all(Array.from({ length: 3 }, (_, i) => world.seeder.user(uname(`reader${i}`))));
    const channel = await createChannel(world.servers[0].url, senders[0], [...senders, ...readers]);
    const senderClients = await Promise.all(senders.map((u) => world.connect(u)));
    const readerClients = await Promise.all(readers.map((u) => world.connect(u)));
    const base = await latestSeq(readerClients[0], channel);
    for (const c of [...senderClients, ...readerClients]) c.lastSeq.set(channel, base);

    await Promise.all(
      senderClients.map(async (c, s) => {
        const inflight: Array<Promise<unknown>> = [];
        for (let i = 0; i < 200; i++) {
          inflight.push(c.emit('message.send', { conversationId: channel, clientMsgId: `ord-${s}-${i}`, text: `m ${s}/${i}` }).then((ack) => expect(ack.ok).toBe(true)));
          if (inflight.length >= 20) await Promise.all(inflight.splice(0));
        }
        await Promise.all(inflight);
      }),
    );
    for (const r of [...readerClients, ...senderClients]) {
      await waitFor(() => createdIds(r, channel).length >= 1000, 20_000, 'all 1000 messages');
      const list = seqs(r, channel);
      expectContiguous(list);
      expect(list[0]).toBe(base + 1);
      expect(new Set(createdIds(r, channel)).size).toBe(1000);
    }
  });

  it('a client offline for 1,000 messages catches up in order', async () => {
    const [writer, offline] = [alice, bob];
    const channel = await createChannel(world.servers[0].url, writer, [writer, offline]);
    const w = await world.connect(writer);
    const base = await latestSeq(w, channel);
    for (let i = 0; i < 1000; i += 50) {
      const acks = await Promise.all(Array.from({ length: 50 }, (_, k) => w.emit('message.send', { conversationId: channel, clientMsgId: `off-${i + k}`, text: `offline ${i + k}` })));
      expect(acks.every((a) => a.ok)).toBe(true);
    }
    const late = await world.connect(offline, { conversations: { [channel]: base } });
    await waitFor(() => createdIds(late, channel).length >= 1000, 20_000, 'catch-up');
    const list = seqs(late, channel);
    expectContiguous(list);
    expect(list[0]).toBe(base + 1);
    expect(createdIds(late, channel)).toHaveLength(1000);
    expect(late.resyncs).toEqual([]);
  });
});

describe('realtime catch-up past the window', () => {
  let world: RealtimeWorld;

  beforeAll(async () => {
    world = await createWorld({ MESSAGING_SYNC_WINDOW: '50', REALTIME_SEND_RATE_PER_SECOND: '100000', REALTIME_SEND_BURST: '100000' });
  });
  afterAll(async () => world?.close());

  it('a client offline past the window is told to resync that conversation', async () => {
    const writer = await world.seeder.user(uname('writer'));
    const reader = await world.seeder.user(uname('reader'));
    const channel = await createChannel(world.servers[0].url, writer, [writer, reader]);
    const w = await world.connect(writer);
    const acks = await Promise.all(Array.from({ length: 80 }, (_, i) => w.emit('message.send', { conversationId: channel, clientMsgId: `win-${i}`, text: `w ${i}` })));
    expect(acks.every((a) => a.ok)).toBe(true);
    const late = await world.connect(reader, { conversations: { [channel]: 1 } });
    expect(late.resyncs).toEqual([channel]);
    expect(late.applied.get(channel) ?? []).toHaveLength(0);
    expect(late.lastSeq.get(channel)).toBeGreaterThanOrEqual(81);
  });
});
