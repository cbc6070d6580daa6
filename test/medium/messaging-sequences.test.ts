import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { concurrently, createMessagingTestApp, type MessagingTestApp, type TestUser } from './support/messaging-test-app.js';

describe('messaging: sequences, idempotent sends, commit-then-publish', () => {
  let t: MessagingTestApp;
  let owner: TestUser;
  let senders: TestUser[];
  let channelId: string;

  beforeAll(async () => {
    t = await createMessagingTestApp();
    owner = await t.user('owner');
    senders = [];
    for (let i = 0; i < 5; i++) senders.push(await t.user(`sender${i}`));
    const channel = await t.svc.conversations.createChannel(owner.actor, { name: 'load-test', visibility: 'public', memberIds: senders.map((s) => s.id) });
    channelId = channel.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const eventSeqs = async (conversationId: string): Promise<number[]> =>
    (await t.query<{ seq: string }>(`SELECT seq FROM conversation_event WHERE conversation_id = $1 ORDER BY seq`, [conversationId])).map((r) => Number(r.seq));

  const expectGapFree = (seqs: number[]): void => {
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  };

  it('assigns strictly increasing, gap-free seqs to 5 x 100 concurrent sends', async () => {
    const before = (await t.svc.conversations.get(owner.actor, channelId)).lastSeq;
    const results = await concurrently(5, (s) =>
      concurrently(100, (i) => t.svc.messages.send(senders[s].actor, channelId, { text: `message ${i} from ${s}`, clientMsgId: `s${s}-m${i}` })),
    );
    const seqs = results.flat().map((r) => r.message.seq);
    expect(results.flat().every((r) => r.created)).toBe(true);
    expect(new Set(seqs).size).toBe(500);
    expect(Math.min(...seqs)).toBe(before + 1);
    expect(Math.max(...seqs)).toBe(before + 500);
    // Each sender's own sends were awaited concurrently; seqs still follow commit order per conversation.
    const all = await eventSeqs(channelId);
    expectGapFree(all);
    const conversation = await t.svc.conversations.get(owner.actor, channelId);
    expect(conversation.lastSeq).toBe(all.at(-1));
    const stored = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM message WHERE conversation_id = $1 AND kind = 'user'`, [channelId]);
    expect(stored[0].n).toBe(500);
  });

  it('publishes each conversation event once, after commit, with the seq it was stored under', () => {
    const published = t.published.filter((e) => e.audience.scope === 'conversation' && e.audience.conversationId === channelId).map((e) => e.audience.seq);
    expect(new Set(published).size).toBe(published.length);
    expectGapFree([...published].sort((a, b) => a - b));
    const event = t.published.find((e) => e.type === 'message.created' && e.audience.scope === 'conversation' && e.audience.conversationId === channelId);
    expect(event).toBeDefined();
    const envelope = JSON.parse(event!.json) as { seq: number; type: string; payload: { message: { seq: number; text: string } } };
    expect(envelope.seq).toBe(event!.audience.seq);
    expect(envelope.payload.message.seq).toBe(envelope.seq);
    expect(envelope.payload).toEqual(JSON.parse(JSON.stringify(event!.payload)));
  });

  it('returns the stored message for 5 concurrent identical sends, without burning a seq', async () => {
    const before = (await t.svc.conversations.get(owner.actor, channelId)).lastSeq;
    const sender = senders[0];
    const results = await concurrently(5, () => t.svc.messages.send(sender.actor, channelId, { text: 'exactly once', clientMsgId: 'retry-me' }));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    for (const r of results) expect(r.message).toEqual(results[0].message);
    expect(results[0].message.seq).toBe(before + 1);
    const rows = await t.query(`SELECT id FROM message WHERE sender_id = $1 AND client_msg_id = 'retry-me'`, [sender.id]);
    expect(rows).toHaveLength(1);
    const next = await t.svc.messages.send(sender.actor, channelId, { text: 'after the retries' });
    expect(next.message.seq).toBe(before + 2);
    expectGapFree(await eventSeqs(channelId));
    const sameLater = await t.svc.messages.send(sender.actor, channelId, { text: 'exactly once', clientMsgId: 'retry-me' });
    expect(sameLater).toEqual({ message: results[0].message, created: false });
  });

  it('refuses a clientMsgId reused for another conversation, also when the two race', async () => {
    const sender = senders[1];
    const other = await t.svc.conversations.createChannel(sender.actor, { name: 'elsewhere', visibility: 'public' });
    const racing = await Promise.allSettled([
      t.svc.messages.send(sender.actor, channelId, { text: 'here', clientMsgId: 'shared-id' }),
      t.svc.messages.send(sender.actor, other.id, { text: 'there', clientMsgId: 'shared-id' }),
    ]);
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = racing.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CLIENT_MSG_ID_CONFLICT', status: 409 });
    expectGapFree(await eventSeqs(channelId));
    expectGapFree(await eventSeqs(other.id));
  });

  it('fans out to overlapping users from concurrent transactions without deadlocks, each user stream gap-free', async () => {
    const everyone = [owner, ...senders];
    // Every user creates a channel with everyone else at once: each transaction appends to all
    // six user streams, in crossing orders of who is "creator" and who is "member".
    const created = await concurrently(everyone.length, (i) =>
      t.svc.conversations.createChannel(everyone[i].actor, { name: `crowd-${i}`, visibility: 'private', memberIds: everyone.filter((_, j) => j !== i).map((u) => u.id) }),
    );
    expect(new Set(created.map((c) => c.id)).size).toBe(everyone.length);
    for (const user of everyone) {
      const seqs = (await t.query<{ seq: string }>(`SELECT seq FROM user_event WHERE user_id = $1 ORDER BY seq`, [user.id])).map((r) => Number(r.seq));
      expectGapFree(seqs);
    }
  });

  it('sends that share a transaction (group commit) keep their own outcomes: a refused one, a resend, mentions', async () => {
    const outsider = await t.user('outsider-group');
    const before = (await t.svc.conversations.get(owner.actor, channelId)).lastSeq;
    // The first send starts a transaction at once; the others queue behind it and share the next one.
    const settled = await Promise.allSettled([
      t.svc.messages.send(senders[0].actor, channelId, { text: 'opens the group', clientMsgId: 'grp-0' }),
      t.svc.messages.send(senders[1].actor, channelId, { text: `hi @${senders[2].username}`, clientMsgId: 'grp-1' }),
      t.svc.messages.send(outsider.actor, channelId, { text: 'not a member', clientMsgId: 'grp-x' }),
      t.svc.messages.send(senders[1].actor, channelId, { text: `hi @${senders[2].username}`, clientMsgId: 'grp-1' }),
      t.svc.messages.send(senders[3].actor, channelId, { text: 'last', clientMsgId: 'grp-3' }),
    ]);
    const [first, mention, refused, resend, last] = settled;
    expect(refused.status).toBe('rejected');
    expect(refused.status === 'rejected' && (refused.reason as { code?: string }).code).toBe('NOT_A_MEMBER');
    const ok = [first, mention, resend, last].map((r) => (r.status === 'fulfilled' ? r.value : undefined));
    expect(ok.every((r) => r !== undefined)).toBe(true);
    expect(ok.map((r) => r!.message.seq)).toEqual([before + 1, before + 2, before + 2, before + 3]);
    expect(ok.map((r) => r!.created)).toEqual([true, true, false, true]);
    expect(ok[2]!.message).toEqual(ok[1]!.message);
    expect(ok[1]!.message.mentions.userIds).toEqual([senders[2].id]);
    expectGapFree(await eventSeqs(channelId));
    const stored = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM message WHERE conversation_id = $1 AND client_msg_id LIKE 'grp-%'`, [channelId]);
    expect(stored[0].n).toBe(3);
  });

  it('publishes nothing and consumes no seq when a send fails', async () => {
    const outsider = await t.user('outsider');
    const before = (await t.svc.conversations.get(owner.actor, channelId)).lastSeq;
    const count = t.published.length;
    await expect(t.svc.messages.send(outsider.actor, channelId, { text: 'let me in' })).rejects.toMatchObject({ code: 'NOT_A_MEMBER', status: 403 });
    await expect(t.svc.messages.send(owner.actor, channelId, { text: 'x'.repeat(16_001) })).rejects.toMatchObject({ code: 'MESSAGE_TOO_LONG' });
    expect(t.published.length).toBe(count);
    expect((await t.svc.conversations.get(owner.actor, channelId)).lastSeq).toBe(before);
  });

  it('counts the length limit in code points (16,000 CJK or emoji characters fit)', async () => {
    const cjk = '中'.repeat(16_000);
    const emoji = '😀'.repeat(16_000);
    expect((await t.svc.messages.send(owner.actor, channelId, { text: cjk })).message.text).toBe(cjk);
    expect((await t.svc.messages.send(owner.actor, channelId, { text: emoji })).message.text).toBe(emoji);
    await expect(t.svc.messages.send(owner.actor, channelId, { text: `${emoji}😀` })).rejects.toMatchObject({
      code: 'MESSAGE_TOO_LONG',
      details: { maxLength: 16_000, length: 16_001 },
    });
  });
});
