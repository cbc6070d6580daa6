import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConversationEventResponse, MessageResponse } from '@enclave/contracts';
import { createMessagingTestApp, type MessagingTestApp, type TestUser } from './support/messaging-test-app.js';

const WINDOW = 50;

describe('messaging: read state, receipts and catch-up', () => {
  let t: MessagingTestApp;
  let boss: TestUser;
  let ana: TestUser;
  let ben: TestUser;

  beforeAll(async () => {
    t = await createMessagingTestApp({ MESSAGING_SYNC_WINDOW: String(WINDOW) });
    boss = await t.user('boss');
    ana = await t.user('ana.lee');
    ben = await t.user('ben');
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = async (user: TestUser, conversationId: string, text: string, threadRootId?: string): Promise<MessageResponse> =>
    (await t.svc.messages.send(user.actor, conversationId, { text, ...(threadRootId ? { threadRootId } : {}) })).message;

  it('computes unread and mention counts from seqs; read marks only move forward', async () => {
    const ch = await t.svc.conversations.createChannel(boss.actor, { name: 'reads', visibility: 'public', memberIds: [ana.id, ben.id] });
    const m1 = await send(ben, ch.id, 'hello');
    const m2 = await send(ben, ch.id, '@ana.lee can you check?');
    const m3 = await send(boss, ch.id, '@channel all hands');
    await send(ben, ch.id, `in a thread, @${ana.username}`, m1.id);
    await send(ana, ch.id, 'my own message');
    expect(await t.svc.reads.readState(ana.actor, ch.id)).toMatchObject({ unreadCount: 3, mentionCount: 3 });

    const afterM2 = await t.svc.reads.markRead(ana.actor, ch.id, { seq: m2.seq });
    expect(afterM2).toEqual({ conversationId: ch.id, lastReadSeq: m2.seq, unreadCount: 1, mentionCount: 2 });
    const backwards = await t.svc.reads.markRead(ana.actor, ch.id, { seq: m1.seq });
    expect(backwards.lastReadSeq).toBe(m2.seq);
    const all = await t.svc.reads.markRead(ana.actor, ch.id, { seq: 10_000_000 });
    const latest = (await t.svc.conversations.get(ana.actor, ch.id)).lastSeq;
    expect(all).toEqual({ conversationId: ch.id, lastReadSeq: latest, unreadCount: 0, mentionCount: 0 });
    expect(m3.seq).toBeLessThan(latest);
    // Each forward move told ana's other devices; the backward one did not.
    const reads = t.published.filter((e) => e.type === 'read.updated' && e.payload.conversationId === ch.id);
    expect(reads.map((e) => e.audience.scope === 'user' && [e.audience.userId, e.type === 'read.updated' && e.payload.lastReadSeq])).toEqual([
      [ana.id, m2.seq],
      [ana.id, latest],
    ]);
    // Channels send no read receipts.
    expect(t.published.filter((e) => e.type === 'read.receipt' && e.payload.conversationId === ch.id)).toEqual([]);
    await expect(t.svc.reads.receipts(ana.actor, ch.id)).rejects.toMatchObject({ code: 'RECEIPTS_NOT_AVAILABLE' });
    const outsider = await t.user('not-in-reads');
    await expect(t.svc.reads.markRead(outsider.actor, ch.id, { seq: 1 })).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
  });

  it('sends read receipts in DMs and group DMs', async () => {
    const dm = await t.svc.direct.openDirect(ana.actor, { userId: ben.id });
    const m = await send(ana, dm.id, '在吗？');
    await t.svc.reads.markRead(ben.actor, dm.id, { seq: m.seq });
    const receipts = await t.svc.reads.receipts(ana.actor, dm.id);
    expect(receipts.items.find((r) => r.userId === ben.id)).toMatchObject({ lastReadSeq: m.seq });
    const receipt = t.published.findLast((e) => e.type === 'read.receipt');
    expect(receipt).toMatchObject({ audience: { scope: 'conversation', conversationId: dm.id }, payload: { userId: ben.id, lastReadSeq: m.seq } });
    // The receipt took the next seq of the DM: clients that sync see it.
    expect(receipt!.audience.seq).toBe(m.seq + 1);
  });

  it('catches up a conversation in order, gap-free, rendering messages in their current state', async () => {
    const ch = await t.svc.conversations.createChannel(boss.actor, { name: 'catch-up', visibility: 'private', memberIds: [ana.id] });
    const seen = (await t.svc.conversations.get(ana.actor, ch.id)).lastSeq;
    const kept = await send(boss, ch.id, 'original text');
    const gone = await send(boss, ch.id, 'regrettable');
    await t.svc.messages.edit(boss.actor, kept.id, { text: 'edited text' });
    await t.svc.reactions.react(boss.actor, kept.id, { emoji: ':tada:' });
    await t.svc.messages.delete(boss.actor, gone.id);
    await t.svc.conversations.update(boss.actor, ch.id, { topic: 'new topic' });

    const { conversations, user } = await t.svc.sync.catchUp(ana.actor, { conversations: { [ch.id]: seen } });
    expect(user).toBeNull();
    const [result] = conversations;
    const latest = (await t.svc.conversations.get(ana.actor, ch.id)).lastSeq;
    expect(result).toMatchObject({ conversationId: ch.id, member: true, resync: false, latestSeq: latest, hasMore: false });
    const events = result.events;
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: latest - seen }, (_, i) => seen + 1 + i));
    expect(events.map((e) => e.type)).toEqual([
      'message.created',
      'message.created',
      'message.updated',
      'reaction.changed',
      'message.deleted',
      'conversation.updated',
      'message.created', // the "topic changed" system message
    ]);
    const payload = (e: ConversationEventResponse) => e.payload as { message: MessageResponse };
    expect(payload(events[0]).message).toMatchObject({ id: kept.id, text: 'edited text', edited: true, reactions: [{ emoji: '🎉', count: 1 }] });
    expect(payload(events[1]).message).toMatchObject({ id: gone.id, deleted: true, text: '' });
    expect(JSON.stringify(events)).not.toContain('regrettable');
    expect(JSON.stringify(events)).not.toContain('original text');

    // The live events carried the same envelopes (in the state of their time).
    const live = t.published.filter((e) => e.audience.scope === 'conversation' && e.audience.conversationId === ch.id && e.audience.seq > seen);
    expect(live.map((e) => e.audience.seq)).toEqual(events.map((e) => e.seq));
    expect(JSON.parse(live[4].json)).toEqual(events[4]);

    // Nothing missed: no events.
    const upToDate = await t.svc.sync.catchUp(ana.actor, { conversations: { [ch.id]: latest } });
    expect(upToDate.conversations[0]).toMatchObject({ resync: false, events: [], hasMore: false });
  });

  it('returns only events from while you are a member, and nothing for conversations you are not in', async () => {
    const ch = await t.svc.conversations.createChannel(boss.actor, { name: 'late-joiner', visibility: 'public' });
    await send(boss, ch.id, 'before ben');
    await t.svc.membership.invite(boss.actor, ch.id, { userIds: [ben.id] });
    await send(boss, ch.id, 'after ben');
    const secret = await t.svc.conversations.createChannel(boss.actor, { name: 'not-for-ben', visibility: 'private' });
    const result = await t.svc.sync.catchUp(ben.actor, { conversations: { [ch.id]: 0, [secret.id]: 0 } });
    const [mine, theirs] = result.conversations;
    expect(mine.events[0]).toMatchObject({ type: 'member.joined', payload: { userId: ben.id } });
    expect(JSON.stringify(mine.events)).not.toContain('before ben');
    expect(JSON.stringify(mine.events)).toContain('after ben');
    expect(theirs).toEqual({ conversationId: secret.id, member: false, resync: false, latestSeq: 0, events: [], hasMore: false });
  });

  it('asks for a resync past the sync window or for a seq it does not know', async () => {
    const ch = await t.svc.conversations.createChannel(boss.actor, { name: 'busy', visibility: 'public', memberIds: [ana.id] });
    const seen = (await t.svc.conversations.get(ana.actor, ch.id)).lastSeq;
    for (let i = 0; i < WINDOW + 5; i++) await send(boss, ch.id, `flood ${i}`);
    const latest = (await t.svc.conversations.get(ana.actor, ch.id)).lastSeq;
    const behind = await t.svc.sync.catchUp(ana.actor, { conversations: { [ch.id]: seen } });
    expect(behind.conversations[0]).toEqual({ conversationId: ch.id, member: true, resync: true, latestSeq: latest, events: [], hasMore: false });
    const ahead = await t.svc.sync.catchUp(ana.actor, { conversations: { [ch.id]: latest + 10 } });
    expect(ahead.conversations[0]).toMatchObject({ resync: true, latestSeq: latest });
    const close = await t.svc.sync.catchUp(ana.actor, { conversations: { [ch.id]: latest - 3 } });
    expect(close.conversations[0].events.map((e) => e.seq)).toEqual([latest - 2, latest - 1, latest]);
  });

  it('shares one event budget per call across conversations (hasMore: call again)', async () => {
    const a = await t.svc.conversations.createChannel(boss.actor, { name: 'budget-a', visibility: 'public', memberIds: [ben.id] });
    const b = await t.svc.conversations.createChannel(boss.actor, { name: 'budget-b', visibility: 'public', memberIds: [ben.id] });
    const seenA = (await t.svc.conversations.get(ben.actor, a.id)).lastSeq;
    const seenB = (await t.svc.conversations.get(ben.actor, b.id)).lastSeq;
    for (let i = 0; i < 30; i++) {
      await send(boss, a.id, `a${i}`);
      await send(boss, b.id, `b${i}`);
    }
    const first = await t.svc.sync.catchUp(ben.actor, { conversations: { [a.id]: seenA, [b.id]: seenB } });
    expect(first.conversations.map((c) => [c.events.length, c.hasMore])).toEqual([
      [30, false],
      [20, true],
    ]);
    const resumeFrom = first.conversations[1].events.at(-1)!.seq;
    const second = await t.svc.sync.catchUp(ben.actor, { conversations: { [b.id]: resumeFrom } });
    expect(second.conversations[0].events.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => resumeFrom + 1 + i));
  });

  it('replays the user stream and lists conversations added or removed while offline', async () => {
    const offline = await t.user('offline-user');
    const cursor = (await t.svc.sync.catchUp(offline.actor, { conversations: {}, userCursor: 0 })).user!.latestSeq;
    expect(cursor).toBe(0);
    const kept = await t.svc.conversations.createChannel(boss.actor, { name: 'added-offline', visibility: 'private', memberIds: [offline.id] });
    const dropped = await t.svc.conversations.createChannel(boss.actor, { name: 'added-then-removed', visibility: 'public', memberIds: [offline.id] });
    await t.svc.membership.remove(boss.actor, dropped.id, offline.id);
    const dm = await t.svc.direct.openDirect(boss.actor, { userId: offline.id });
    await t.svc.reads.markRead(offline.actor, kept.id, { seq: 1_000 });

    const { user } = await t.svc.sync.catchUp(offline.actor, { conversations: {}, userCursor: cursor });
    expect(user!.resync).toBe(false);
    expect(user!.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(user!.events.map((e) => e.type)).toEqual(['conversation.added', 'conversation.added', 'conversation.removed', 'conversation.added', 'read.updated']);

    const changed = await t.svc.sync.changedConversations(offline.actor, { since: cursor });
    expect(changed).toMatchObject({ resync: false, cursor: 5, removedIds: [dropped.id] });
    expect(changed.added.map((c) => c.id).sort()).toEqual([kept.id, dm.id].sort());
    expect(changed.added.find((c) => c.id === kept.id)).toMatchObject({ name: 'added-offline', membership: { role: 'member' } });

    const tooOld = await t.svc.sync.catchUp(offline.actor, { conversations: {}, userCursor: 99 });
    expect(tooOld.user).toMatchObject({ resync: true, latestSeq: 5 });
  });

  it('refuses malformed catch-up requests from in-process callers', async () => {
    await expect(t.svc.sync.catchUp(ana.actor, { conversations: { 'not-a-uuid': 1 } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(t.svc.sync.catchUp(ana.actor, { conversations: { '0b6f6a1e-4c1e-4d57-9a53-2f6a3b9c1d20': -1 } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
