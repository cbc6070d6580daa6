import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createMessagingTestApp, type MessagingTestApp, type TestUser } from './support/messaging-test-app.js';

describe('messaging: threads (counters, following, inbox)', () => {
  let t: MessagingTestApp;
  let author: TestUser;
  let replier: TestUser;
  let mentioned: TestUser;
  let bystander: TestUser;
  let channelId: string;

  beforeAll(async () => {
    t = await createMessagingTestApp();
    author = await t.user('author');
    replier = await t.user('replier');
    mentioned = await t.user('mentioned');
    bystander = await t.user('bystander');
    channelId = (await t.svc.conversations.createChannel(author.actor, { name: 'threads', visibility: 'public', memberIds: [replier.id, mentioned.id, bystander.id] })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = async (user: TestUser, text: string, threadRootId?: string) =>
    (await t.svc.messages.send(user.actor, channelId, { text, ...(threadRootId ? { threadRootId } : {}) })).message;

  it('counts replies, the last reply and participants on the root', async () => {
    const root = await send(author, 'thread root');
    t.clock.advance(1000);
    const r1 = await send(replier, 'first reply', root.id);
    t.clock.advance(1000);
    const r2 = await send(author, 'second reply', root.id);
    const r3 = await send(replier, 'third reply', root.id);
    const thread = await t.svc.threads.getThread(bystander.actor, root.id);
    expect(thread.root.thread).toEqual({ replyCount: 3, lastReplyAt: r3.createdAt, lastReplySeq: r3.seq, participantIds: [replier.id, author.id] });
    expect(thread.replies.map((r) => r.text)).toEqual(['first reply', 'second reply', 'third reply']);
    expect(thread.replies.every((r) => r.threadRootId === root.id)).toBe(true);
    expect(thread.following).toBe(false);
    // Paged replies
    const page = await t.svc.threads.getThread(bystander.actor, root.id, { after: r1.seq, limit: 1 });
    expect(page.replies.map((r) => r.id)).toEqual([r2.id]);
    expect(page.hasMore).toBe(true);
    // The reply's event carries the root counters for everyone watching the channel.
    const created = t.published.findLast((e) => e.type === 'message.created' && e.payload.message.id === r3.id);
    expect(created?.type === 'message.created' && created.payload.thread).toMatchObject({ rootId: root.id, replyCount: 3, lastReplySeq: r3.seq });
    // Deleting a reply lowers the count.
    await t.svc.messages.delete(replier.actor, r1.id);
    expect((await t.svc.threads.getThread(author.actor, root.id)).root.thread?.replyCount).toBe(2);
  });

  it('follows threads automatically (replying, being mentioned, the root author) and fills the inbox', async () => {
    const root = await send(author, 'who wants to help?');
    expect((await t.svc.threads.inbox(author.actor)).items.find((i) => i.root.id === root.id)).toBeUndefined();
    t.clock.advance(1000);
    const reply = await send(replier, `me! and maybe @${mentioned.username}`, root.id);

    const followers = await t.query<{ user_id: string; following: boolean }>(`SELECT user_id, following FROM thread_membership WHERE root_id = $1 ORDER BY user_id`, [root.id]);
    expect(followers.filter((f) => f.following).map((f) => f.user_id).sort()).toEqual([author.id, replier.id, mentioned.id].sort());

    const authorInbox = await t.svc.threads.inbox(author.actor);
    expect(authorInbox.items[0]).toMatchObject({ conversationId: channelId, root: { id: root.id }, unreadReplies: 1, unreadMentions: 0 });
    const mentionedInbox = await t.svc.threads.inbox(mentioned.actor);
    expect(mentionedInbox.items.find((i) => i.root.id === root.id)).toMatchObject({ unreadReplies: 1, unreadMentions: 1 });
    // The replier has read their own reply.
    expect((await t.svc.threads.inbox(replier.actor)).items.find((i) => i.root.id === root.id)).toMatchObject({ unreadReplies: 0, lastReadSeq: reply.seq });
    expect((await t.svc.threads.inbox(bystander.actor)).items.find((i) => i.root.id === root.id)).toBeUndefined();

    const updates = t.published.filter((e) => e.type === 'thread.updated' && e.payload.rootId === root.id);
    expect(updates.map((e) => [e.audience.scope === 'user' && e.audience.userId, e.type === 'thread.updated' && e.payload.mentioned]).sort()).toEqual(
      [
        [author.id, false],
        [mentioned.id, true],
      ].sort(),
    );
  });

  it('marks a thread read (forward only) and unfollows; a later mention follows again', async () => {
    const root = await send(author, 'long discussion');
    const a = await send(replier, 'a', root.id);
    const b = await send(replier, 'b', root.id);
    expect((await t.svc.threads.inbox(author.actor)).items.find((i) => i.root.id === root.id)?.unreadReplies).toBe(2);
    const read = await t.svc.threads.markRead(author.actor, root.id, { seq: a.seq });
    expect(read).toMatchObject({ following: true, lastReadSeq: a.seq });
    expect((await t.svc.threads.markRead(author.actor, root.id, { seq: 1 })).lastReadSeq).toBe(a.seq);
    expect((await t.svc.threads.markRead(author.actor, root.id, { seq: 1_000_000 })).lastReadSeq).toBe(b.seq);
    expect((await t.svc.threads.inbox(author.actor)).items.find((i) => i.root.id === root.id)?.unreadReplies).toBe(0);
    expect(t.published.filter((e) => e.type === 'thread.read' && e.payload.rootId === root.id)).toHaveLength(2);

    const unfollowed = await t.svc.threads.unfollow(author.actor, root.id);
    expect(unfollowed.following).toBe(false);
    await send(replier, 'c', root.id);
    expect((await t.svc.threads.inbox(author.actor)).items.find((i) => i.root.id === root.id)).toBeUndefined();
    await send(replier, `@${author.username} your opinion?`, root.id);
    expect((await t.svc.threads.inbox(author.actor)).items.find((i) => i.root.id === root.id)).toMatchObject({ unreadReplies: 2, unreadMentions: 1 });

    expect((await t.svc.threads.follow(bystander.actor, root.id)).following).toBe(true);
    const followChanges = t.published.filter((e) => e.type === 'thread.follow_changed' && e.payload.rootId === root.id);
    expect(followChanges.map((e) => e.type === 'thread.follow_changed' && [e.audience.scope === 'user' && e.audience.userId, e.payload.following])).toEqual([
      [author.id, false],
      [bystander.id, true],
    ]);
  });

  it('survives following a thread while a reply mentioning you lands (no lock-order deadlock)', async () => {
    for (let i = 0; i < 15; i++) {
      const root = await send(author, `race ${i}`);
      const [followed, reply] = await Promise.all([
        t.svc.threads.follow(bystander.actor, root.id),
        send(replier, `@${bystander.username} look`, root.id),
      ]);
      expect(followed.following).toBe(true);
      expect(reply.mentions.userIds).toEqual([bystander.id]);
    }
  });

  it('refuses threads on replies and following for non-members', async () => {
    const root = await send(author, 'root');
    const reply = await send(replier, 'reply', root.id);
    await expect(t.svc.threads.getThread(author.actor, reply.id)).rejects.toMatchObject({ code: 'INVALID_THREAD_ROOT' });
    const outsider = await t.user('outsider');
    expect((await t.svc.threads.getThread(outsider.actor, root.id)).replies).toHaveLength(1); // public channel: readable
    await expect(t.svc.threads.follow(outsider.actor, root.id)).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
  });

  it('drops threads of conversations I left from my inbox', async () => {
    const root = await send(bystander, 'leaving soon');
    await send(replier, 'bye', root.id);
    expect((await t.svc.threads.inbox(bystander.actor)).items.find((i) => i.root.id === root.id)).toBeDefined();
    await t.svc.membership.leave(bystander.actor, channelId);
    expect((await t.svc.threads.inbox(bystander.actor)).items.find((i) => i.root.id === root.id)).toBeUndefined();
  });
});
