import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createMessagingTestApp, type MessagingTestApp, type TestUser } from './support/messaging-test-app.js';

describe('messaging: messages (edit, delete, reactions, pins, mentions, history)', () => {
  let t: MessagingTestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let admin: TestUser;
  let channelId: string;

  beforeAll(async () => {
    t = await createMessagingTestApp({ MESSAGING_MAX_REACTIONS_PER_MESSAGE: '3' });
    alice = await t.user('alice');
    bob = await t.user('bob');
    carol = await t.user('carol');
    admin = await t.user('root-admin', { admin: true });
    channelId = (await t.svc.conversations.createChannel(alice.actor, { name: 'general', visibility: 'public', memberIds: [bob.id, carol.id] })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = async (user: TestUser, text: string, extra: { threadRootId?: string } = {}) => (await t.svc.messages.send(user.actor, channelId, { text, ...extra })).message;

  it('stores the text as sent and resolves @mentions, keeping unknown names unresolved', async () => {
    const text = '  **请看** @Bob，还有 @carol. cc @design-team `@alice`\n';
    const message = await send(alice, text);
    expect(message.text).toBe(text);
    expect(message.mentions).toEqual({ userIds: [bob.id, carol.id], unresolved: ['design-team'], special: null });
    const [row] = await t.query<{ mentioned_user_ids: string[]; mentioned_names: string[] }>(`SELECT mentioned_user_ids, mentioned_names FROM message WHERE id = $1`, [message.id]);
    expect(row).toEqual({ mentioned_user_ids: [bob.id, carol.id], mentioned_names: ['design-team'] });
  });

  it('lets channel admins and system admins use @channel/@here, and no one else', async () => {
    await expect(send(bob, '@here lunch?')).rejects.toMatchObject({ code: 'MENTION_NOT_ALLOWED', status: 403 });
    expect((await send(alice, '@channel release at 5')).mentions.special).toBe('channel');
    await t.svc.membership.join(admin.actor, channelId);
    expect((await send(admin, '@here maintenance')).mentions.special).toBe('here');
  });

  it('keeps every earlier text when the author edits; only the author may edit', async () => {
    const original = await send(bob, 'first draft @carol');
    await expect(t.svc.messages.edit(alice.actor, original.id, { text: 'hijack' })).rejects.toMatchObject({ code: 'NOT_MESSAGE_AUTHOR' });
    const v2 = await t.svc.messages.edit(bob.actor, original.id, { text: 'second draft' });
    const v3 = await t.svc.messages.edit(bob.actor, original.id, { text: 'final @alice' });
    expect(v2).toMatchObject({ edited: true, text: 'second draft', seq: original.seq, mentions: { userIds: [] } });
    expect(v3).toMatchObject({ edited: true, text: 'final @alice', mentions: { userIds: [alice.id] } });
    const history = await t.svc.queries.revisions(bob.actor, original.id);
    expect(history.items.map((r) => r.text)).toEqual(['first draft @carol', 'second draft', 'final @alice']);
    expect(history.items.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(history.items.at(-1)!.replacedAt).toBeNull();
    await expect(t.svc.queries.revisions(alice.actor, original.id)).rejects.toMatchObject({ code: 'NOT_MESSAGE_AUTHOR' });
    const updates = t.published.filter((e) => e.type === 'message.updated' && e.payload.message.id === original.id);
    expect(updates.map((e) => (e.type === 'message.updated' ? e.payload.message.text : ''))).toEqual(['second draft', 'final @alice']);
  });

  it('hides a deleted message from users but keeps the original; moderators deleting are audited', async () => {
    const own = await send(carol, 'oops, secret: hunter2');
    await t.svc.messages.delete(carol.actor, own.id);
    await t.svc.messages.delete(carol.actor, own.id); // repeating is harmless
    const seen = await t.svc.queries.get(alice.actor, own.id);
    expect(seen).toMatchObject({ id: own.id, seq: own.seq, deleted: true, text: '', reactions: [] });
    const [stored] = await t.query<{ text: string; deleted_by: string }>(`SELECT text, deleted_by FROM message WHERE id = $1`, [own.id]);
    expect(stored).toEqual({ text: 'oops, secret: hunter2', deleted_by: carol.id });
    const history = await t.svc.queries.history(alice.actor, channelId, { after: own.seq - 1, limit: 1 });
    expect(history.items[0]).toMatchObject({ id: own.id, deleted: true, text: '' });
    await expect(t.svc.messages.edit(carol.actor, own.id, { text: 'undo' })).rejects.toMatchObject({ code: 'MESSAGE_NOT_FOUND' });
    expect(await t.auditRows('messaging.message.deleted_by_moderator')).toHaveLength(0);

    const bobs = await send(bob, 'off-topic');
    await expect(t.svc.messages.delete(carol.actor, bobs.id)).rejects.toMatchObject({ code: 'NOT_ALLOWED_TO_DELETE', status: 403 });
    await t.svc.messages.delete(alice.actor, bobs.id); // alice is channel admin
    const audits = await t.auditRows('messaging.message.deleted_by_moderator');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_user_id: alice.id, target_type: 'message', target_id: bobs.id, outcome: 'success', details: { authorId: bob.id, conversationId: channelId } });
  });

  it('toggles reactions, normalises shortcodes and limits distinct emoji per message', async () => {
    const message = await send(alice, 'react to me');
    // Reactors and emoji are listed in the order of reacting: let time pass between reactions.
    const react = (user: TestUser, emoji: string, action?: 'add' | 'remove') => {
      t.clock.advance(1000);
      return t.svc.reactions.react(user.actor, message.id, { emoji, ...(action ? { action } : {}) });
    };
    let view = await react(bob, ':+1:');
    expect(view.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [bob.id], me: true }]);
    view = await react(carol, '👍');
    expect(view.reactions).toEqual([{ emoji: '👍', count: 2, userIds: [bob.id, carol.id], me: true }]);
    view = await react(bob, ':thumbsup:');
    expect(view.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [carol.id], me: false }]);
    // add/remove are idempotent
    await react(bob, '❤', 'add');
    view = await react(bob, ':heart:', 'add');
    expect(view.reactions.find((r) => r.emoji === '❤️')).toEqual({ emoji: '❤️', count: 1, userIds: [bob.id], me: true });
    await react(carol, ':tada:');
    await expect(react(carol, '🚀')).rejects.toMatchObject({ code: 'TOO_MANY_REACTIONS', status: 409 });
    // an existing emoji can still be added by others at the limit
    view = await react(alice, '🎉');
    expect(view.reactions.map((r) => [r.emoji, r.count])).toEqual([
      ['👍', 1],
      ['❤️', 1],
      ['🎉', 2],
    ]);
    await expect(react(alice, 'not an emoji')).rejects.toMatchObject({ code: 'INVALID_EMOJI' });
    const outsider = await t.user('outsider-react');
    await expect(t.svc.reactions.react(outsider.actor, message.id, { emoji: '👍' })).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
    const changes = t.published.filter((e) => e.type === 'reaction.changed' && e.payload.messageId === message.id);
    expect(changes.map((e) => (e.type === 'reaction.changed' ? [e.payload.emoji, e.payload.added, e.payload.count] : []))).toEqual([
      ['👍', true, 1],
      ['👍', true, 2],
      ['👍', false, 1],
      ['❤️', true, 1],
      ['🎉', true, 1],
      ['🎉', true, 2],
    ]);
  });

  it('pins and unpins (members only) and lists pins', async () => {
    const message = await send(bob, 'pin me');
    const pinned = await t.svc.pins.pin(carol.actor, message.id);
    expect(pinned.pinnedBy).toBe(carol.id);
    await t.svc.pins.pin(alice.actor, message.id); // already pinned: no change
    expect((await t.svc.pins.list(alice.actor, channelId)).items.map((m) => m.id)).toEqual([message.id]);
    expect((await t.svc.pins.unpin(alice.actor, message.id)).pinnedAt).toBeNull();
    expect((await t.svc.pins.list(alice.actor, channelId)).items).toEqual([]);
    expect(t.published.filter((e) => (e.type === 'message.pinned' || e.type === 'message.unpinned') && e.payload.messageId === message.id)).toHaveLength(2);
  });

  it('pages history by seq both ways and around a message', async () => {
    const fresh = (await t.svc.conversations.createChannel(alice.actor, { name: 'history', visibility: 'public', memberIds: [bob.id] })).id;
    const sent = [];
    for (let i = 1; i <= 30; i++) sent.push((await t.svc.messages.send(i % 2 ? alice.actor : bob.actor, fresh, { text: `m${i}` })).message);
    // a thread reply does not appear in channel history
    await t.svc.messages.send(bob.actor, fresh, { text: 'reply', threadRootId: sent[0].id });
    const texts = (r: { items: Array<{ text: string }> }) => r.items.map((m) => m.text);

    const latest = await t.svc.queries.history(alice.actor, fresh, { limit: 5 });
    expect(texts(latest)).toEqual(['m26', 'm27', 'm28', 'm29', 'm30']);
    expect(latest).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });

    const older = await t.svc.queries.history(alice.actor, fresh, { before: latest.items[0].seq, limit: 5 });
    expect(texts(older)).toEqual(['m21', 'm22', 'm23', 'm24', 'm25']);
    expect(older).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });

    const newer = await t.svc.queries.history(alice.actor, fresh, { after: older.items.at(-1)!.seq, limit: 3 });
    expect(texts(newer)).toEqual(['m26', 'm27', 'm28']);
    expect(newer).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });

    const range = await t.svc.queries.history(alice.actor, fresh, { after: sent[9].seq, before: sent[13].seq, limit: 50 });
    expect(texts(range)).toEqual(['m11', 'm12', 'm13']);

    const around = await t.svc.queries.history(alice.actor, fresh, { around: sent[14].id, limit: 5 });
    expect(texts(around)).toEqual(['m13', 'm14', 'm15', 'm16', 'm17']);
    expect(around).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });

    // System messages ("created the channel") are part of the history.
    const start = await t.svc.queries.history(alice.actor, fresh, { around: sent[0].id, limit: 4 });
    expect(texts(start)).toEqual(['created the channel history', 'm1', 'm2', 'm3']);
    expect(start.items[0]).toMatchObject({ kind: 'system', systemType: 'channel_created' });
    expect(start.items[1].thread).toMatchObject({ replyCount: 1 });
    expect(start.hasMoreBefore).toBe(false);

    await expect(t.svc.queries.history(alice.actor, fresh, { around: sent[0].id, before: 3 })).rejects.toMatchObject({ code: 'INVALID_RANGE' });
    await expect(t.svc.queries.history(alice.actor, fresh, { after: 9, before: 3 })).rejects.toMatchObject({ code: 'INVALID_RANGE' });
  });

  it('refuses empty text, NUL characters and thread replies to replies', async () => {
    await expect(send(alice, ' \n\u3000 ')).rejects.toMatchObject({ code: 'MESSAGE_EMPTY' });
    await expect(send(alice, 'a\u0000b')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const root = await send(alice, 'root');
    const reply = await send(bob, 'reply', { threadRootId: root.id });
    await expect(send(carol, 'nested', { threadRootId: reply.id })).rejects.toMatchObject({ code: 'INVALID_THREAD_ROOT' });
  });
});
