import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { concurrently, createMessagingTestApp, type MessagingTestApp, type TestUser } from './support/messaging-test-app.js';

describe('messaging: channels, DMs, group DMs and membership', () => {
  let t: MessagingTestApp;
  let wei: TestUser;
  let li: TestUser;
  let chen: TestUser;
  let zhao: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createMessagingTestApp();
    wei = await t.user('wei');
    li = await t.user('lina');
    chen = await t.user('chen');
    zhao = await t.user('zhao');
    admin = await t.user('sysadmin', { admin: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a channel with a CJK name; the creator is channel admin; creation is audited', async () => {
    const channel = await t.svc.conversations.createChannel(wei.actor, { name: ' 产品讨论 ', visibility: 'public', topic: '发布计划', memberIds: [li.id, wei.id] });
    expect(channel).toMatchObject({ kind: 'public_channel', name: '产品讨论', topic: '发布计划', memberCount: 2, archived: false, unreadCount: 0, mentionCount: 0 });
    expect(channel.membership).toMatchObject({ role: 'channel_admin', notifyLevel: 'all', muted: false });
    expect((await t.svc.conversations.get(li.actor, channel.id)).membership).toMatchObject({ role: 'member' });
    const [audit] = await t.auditRows('messaging.channel.created');
    expect(audit).toMatchObject({ actor_user_id: wei.id, target_type: 'conversation', target_id: channel.id, outcome: 'success' });
    const added = t.published.filter((e) => e.type === 'conversation.added' && e.payload.conversation.id === channel.id);
    expect(added.map((e) => e.audience.scope === 'user' && e.audience.userId).sort()).toEqual([li.id, wei.id].sort());
  });

  it('keeps channel names unique case-insensitively, also for racing creators', async () => {
    await t.svc.conversations.createChannel(wei.actor, { name: 'Launch', visibility: 'public' });
    await expect(t.svc.conversations.createChannel(li.actor, { name: 'launch', visibility: 'private' })).rejects.toMatchObject({ code: 'CHANNEL_NAME_TAKEN', status: 409 });
    await expect(t.svc.conversations.createChannel(li.actor, { name: '产品讨论', visibility: 'public' })).rejects.toMatchObject({ code: 'CHANNEL_NAME_TAKEN' });
    const results = await Promise.allSettled([wei, li, chen].map((u) => t.svc.conversations.createChannel(u.actor, { name: 'Race', visibility: 'public' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r).reason).toMatchObject({ code: 'CHANNEL_NAME_TAKEN' });
    await expect(t.svc.conversations.createChannel(wei.actor, { name: '#bad name!', visibility: 'public' })).rejects.toMatchObject({ code: 'CHANNEL_NAME_INVALID' });
  });

  it('opens one DM per pair, even when both sides open it at once; a DM with yourself is allowed', async () => {
    const opened = await concurrently(6, (i) => t.svc.direct.openDirect((i % 2 ? wei : chen).actor, { userId: i % 2 ? chen.id : wei.id }));
    expect(new Set(opened.map((c) => c.id)).size).toBe(1);
    expect(opened[0]).toMatchObject({ kind: 'dm', name: null, memberCount: 2 });
    expect([...opened[0].memberIds!].sort()).toEqual([wei.id, chen.id].sort());
    const rows = await t.query(`SELECT id FROM conversation WHERE kind = 'dm' AND dm_key = $1`, [`dm:${[wei.id, chen.id].sort().join(':')}`]);
    expect(rows).toHaveLength(1);
    const notes = await t.svc.direct.openDirect(wei.actor, { userId: wei.id });
    expect(notes).toMatchObject({ kind: 'dm', memberCount: 1, memberIds: [wei.id] });
    expect((await t.svc.direct.openDirect(wei.actor, { userId: wei.id })).id).toBe(notes.id);
    await expect(t.svc.direct.openDirect(wei.actor, { userId: '6e3c1c2a-5b1d-4f3e-9a8b-7c6d5e4f3a2b' })).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
  });

  it('opens group DMs of 3 to 16 people, one per member set', async () => {
    const group = await t.svc.direct.openGroup(wei.actor, { userIds: [li.id, chen.id] });
    expect(group).toMatchObject({ kind: 'group_dm', memberCount: 3 });
    expect((await t.svc.direct.openGroup(chen.actor, { userIds: [wei.id, li.id, chen.id] })).id).toBe(group.id);
    expect((await t.svc.direct.openGroup(wei.actor, { userIds: [li.id, chen.id, zhao.id] })).id).not.toBe(group.id);
    await expect(t.svc.direct.openGroup(wei.actor, { userIds: [li.id] })).rejects.toMatchObject({ code: 'GROUP_DM_SIZE', status: 400 });
    const many: string[] = [];
    for (let i = 0; i < 16; i++) many.push((await t.user(`crowd${i}`)).id);
    await expect(t.svc.direct.openGroup(wei.actor, { userIds: many })).rejects.toMatchObject({ code: 'GROUP_DM_SIZE', details: { max: 16, requested: 17 } });
    expect((await t.svc.direct.openGroup(wei.actor, { userIds: many.slice(0, 15) })).memberCount).toBe(16);
    await expect(t.svc.membership.invite(wei.actor, group.id, { userIds: [zhao.id] })).rejects.toMatchObject({ code: 'NOT_ALLOWED_FOR_CONVERSATION_KIND' });
  });

  it('makes private channels invisible to non-members (404), including their messages', async () => {
    const secret = await t.svc.conversations.createChannel(wei.actor, { name: 'secret-plans', visibility: 'private', memberIds: [li.id] });
    const message = (await t.svc.messages.send(wei.actor, secret.id, { text: 'classified' })).message;
    for (const attempt of [
      () => t.svc.conversations.get(chen.actor, secret.id),
      () => t.svc.queries.history(chen.actor, secret.id),
      () => t.svc.messages.send(chen.actor, secret.id, { text: 'hi' }),
      () => t.svc.membership.join(chen.actor, secret.id),
      () => t.svc.membership.listMembers(chen.actor, secret.id),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND', status: 404 });
    }
    await expect(t.svc.queries.get(chen.actor, message.id)).rejects.toMatchObject({ code: 'MESSAGE_NOT_FOUND', status: 404 });
    await expect(t.svc.reactions.react(chen.actor, message.id, { emoji: '👍' })).rejects.toMatchObject({ code: 'MESSAGE_NOT_FOUND' });
    expect((await t.svc.conversations.browse(chen.actor, { q: 'secret' })).items).toEqual([]);
    // An administrator can see and moderate it, but not read it.
    expect((await t.svc.conversations.get(admin.actor, secret.id)).membership).toBeNull();
    await expect(t.svc.queries.history(admin.actor, secret.id)).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
    // Any member can invite to a private channel.
    await t.svc.membership.invite(li.actor, secret.id, { userIds: [chen.id] });
    expect((await t.svc.queries.history(chen.actor, secret.id)).items.map((m) => m.text)).toContain('classified');
  });

  it('lets anyone read and join public channels; only members post', async () => {
    const open = await t.svc.conversations.createChannel(wei.actor, { name: 'open-house', visibility: 'public' });
    await t.svc.messages.send(wei.actor, open.id, { text: 'welcome' });
    expect((await t.svc.queries.history(zhao.actor, open.id)).items.map((m) => m.text)).toContain('welcome');
    await expect(t.svc.messages.send(zhao.actor, open.id, { text: 'me too' })).rejects.toMatchObject({ code: 'NOT_A_MEMBER', status: 403 });
    const joined = await t.svc.membership.join(zhao.actor, open.id);
    expect(joined).toMatchObject({ memberCount: 2, membership: { role: 'member' } });
    expect((await t.svc.membership.join(zhao.actor, open.id)).memberCount).toBe(2);
    await t.svc.messages.send(zhao.actor, open.id, { text: 'me too' });
    await t.svc.membership.leave(zhao.actor, open.id);
    const after = await t.svc.conversations.get(wei.actor, open.id);
    expect(after.memberCount).toBe(1);
    const texts = (await t.svc.queries.history(wei.actor, open.id)).items.map((m) => [m.kind, m.systemType ?? m.text]);
    expect(texts).toEqual([
      ['system', 'channel_created'],
      ['user', 'welcome'],
      ['system', 'member_joined'],
      ['user', 'me too'],
      ['system', 'member_left'],
    ]);
    await expect(t.svc.membership.leave(zhao.actor, open.id)).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
  });

  it('invites and removes members (channel admins remove; removal is audited)', async () => {
    const team = await t.svc.conversations.createChannel(wei.actor, { name: 'team', visibility: 'public', memberIds: [li.id] });
    const invited = await t.svc.membership.invite(li.actor, team.id, { userIds: [chen.id, zhao.id, li.id] });
    expect(invited.memberCount).toBe(4);
    await expect(t.svc.membership.invite(li.actor, team.id, { userIds: ['0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f'] })).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await expect(t.svc.membership.remove(li.actor, team.id, chen.id)).rejects.toMatchObject({ code: 'NOT_CHANNEL_ADMIN', status: 403 });
    await expect(t.svc.membership.remove(wei.actor, team.id, wei.id)).rejects.toMatchObject({ code: 'CANNOT_REMOVE_SELF' });
    await t.svc.membership.remove(wei.actor, team.id, chen.id);
    await expect(t.svc.membership.remove(wei.actor, team.id, chen.id)).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });
    await t.svc.membership.remove(admin.actor, team.id, zhao.id); // a system admin, not a member
    expect((await t.svc.conversations.get(wei.actor, team.id)).memberCount).toBe(2);
    const audits = (await t.auditRows('messaging.channel.member_removed')).filter((a) => a.target_id === team.id);
    expect(audits.map((a) => [a.actor_user_id, a.details?.removedUserId])).toEqual([
      [wei.id, chen.id],
      [admin.id, zhao.id],
    ]);
    const removed = t.published.filter((e) => e.type === 'conversation.removed' && e.payload.conversationId === team.id);
    expect(removed.map((e) => e.audience.scope === 'user' && e.audience.userId)).toEqual([chen.id, zhao.id]);
    await expect(t.svc.messages.send(chen.actor, team.id, { text: 'still here?' })).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
  });

  it('renames (channel admins, audited), sets topic and purpose (members), with system messages', async () => {
    const ch = await t.svc.conversations.createChannel(wei.actor, { name: 'old-name', visibility: 'public', memberIds: [li.id] });
    await expect(t.svc.conversations.update(li.actor, ch.id, { name: 'new-name' })).rejects.toMatchObject({ code: 'NOT_CHANNEL_ADMIN' });
    await expect(t.svc.conversations.update(wei.actor, ch.id, { name: 'LAUNCH' })).rejects.toMatchObject({ code: 'CHANNEL_NAME_TAKEN' });
    const renamed = await t.svc.conversations.update(wei.actor, ch.id, { name: '新名字' });
    expect(renamed.name).toBe('新名字');
    const topic = await t.svc.conversations.update(li.actor, ch.id, { topic: 'Q4 目标', purpose: 'planning' });
    expect(topic).toMatchObject({ topic: 'Q4 目标', purpose: 'planning' });
    const system = (await t.svc.queries.history(wei.actor, ch.id)).items.filter((m) => m.kind === 'system').map((m) => [m.systemType, m.systemData]);
    expect(system).toEqual([
      ['channel_created', { name: 'old-name', visibility: 'public' }],
      ['channel_renamed', { from: 'old-name', to: '新名字' }],
      ['topic_changed', { from: '', to: 'Q4 目标' }],
      ['purpose_changed', { from: '', to: 'planning' }],
    ]);
    const [audit] = (await t.auditRows('messaging.channel.renamed')).filter((a) => a.target_id === ch.id);
    expect(audit).toMatchObject({ actor_user_id: wei.id, before: { name: 'old-name' }, after: { name: '新名字' } });
  });

  it('archives a channel as read-only and unarchives it (audited)', async () => {
    const ch = await t.svc.conversations.createChannel(wei.actor, { name: 'to-archive', visibility: 'public', memberIds: [li.id] });
    const msg = (await t.svc.messages.send(li.actor, ch.id, { text: 'last words' })).message;
    await expect(t.svc.conversations.archive(li.actor, ch.id)).rejects.toMatchObject({ code: 'NOT_CHANNEL_ADMIN' });
    expect((await t.svc.conversations.archive(wei.actor, ch.id)).archived).toBe(true);
    for (const attempt of [
      () => t.svc.messages.send(li.actor, ch.id, { text: 'hello?' }),
      () => t.svc.messages.edit(li.actor, msg.id, { text: 'edited' }),
      () => t.svc.messages.delete(li.actor, msg.id),
      () => t.svc.reactions.react(li.actor, msg.id, { emoji: '👍' }),
      () => t.svc.pins.pin(li.actor, msg.id),
      () => t.svc.membership.join(zhao.actor, ch.id),
      () => t.svc.conversations.update(li.actor, ch.id, { topic: 'x' }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'CONVERSATION_ARCHIVED', status: 409 });
    }
    expect((await t.svc.queries.history(li.actor, ch.id)).items.map((m) => m.text)).toContain('last words');
    expect((await t.svc.conversations.unarchive(admin.actor, ch.id)).archived).toBe(false);
    await t.svc.messages.send(li.actor, ch.id, { text: 'we are back' });
    expect((await t.auditRows()).filter((a) => a.target_id === ch.id).map((a) => a.action)).toEqual([
      'messaging.channel.created',
      'messaging.channel.archived',
      'messaging.channel.unarchived',
    ]);
  });

  it('browses and searches public channels by prefix or substring, case-insensitively, with cursors', async () => {
    for (const name of ['Design-Web', 'design-mobile', '设计评审', '设计周会', 'zzz-design']) await t.svc.conversations.createChannel(chen.actor, { name, visibility: 'public' });
    const names = async (q: Parameters<typeof t.svc.conversations.browse>[1]) => (await t.svc.conversations.browse(zhao.actor, q)).items.map((c) => c.name);
    expect(await names({ q: 'DESIGN', match: 'prefix' })).toEqual(['design-mobile', 'Design-Web']);
    expect(await names({ q: 'design' })).toEqual(['design-mobile', 'Design-Web', 'zzz-design']);
    expect(await names({ q: '设计' })).toEqual(['设计周会', '设计评审']);
    expect(await names({ q: '100%_' })).toEqual([]);
    const first = await t.svc.conversations.browse(zhao.actor, { q: 'design', limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const second = await t.svc.conversations.browse(zhao.actor, { q: 'design', limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((c) => c.name)).toEqual(['zzz-design']);
    expect(second.nextCursor).toBeNull();
    await expect(t.svc.conversations.browse(zhao.actor, { cursor: 'garbage' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('lists my conversations by recent activity with unread and mention counts, paginated', async () => {
    const me = await t.user('lister');
    const a = await t.svc.conversations.createChannel(wei.actor, { name: 'list-a', visibility: 'public', memberIds: [me.id] });
    const b = await t.svc.conversations.createChannel(wei.actor, { name: 'list-b', visibility: 'public', memberIds: [me.id] });
    const dm = await t.svc.direct.openDirect(wei.actor, { userId: me.id });
    t.clock.advance(1000);
    await t.svc.messages.send(wei.actor, a.id, { text: 'one' });
    await t.svc.messages.send(wei.actor, a.id, { text: `two @${me.username}` });
    t.clock.advance(1000);
    await t.svc.messages.send(wei.actor, dm.id, { text: 'psst' });
    await t.svc.messages.send(me.actor, dm.id, { text: 'my own message is not unread' });
    const page1 = await t.svc.conversations.listMine(me.actor, { limit: 2 });
    expect(page1.items.map((c) => [c.id, c.unreadCount, c.mentionCount])).toEqual([
      [dm.id, 1, 0],
      [a.id, 2, 1],
    ]);
    const page2 = await t.svc.conversations.listMine(me.actor, { limit: 2, cursor: page1.nextCursor! });
    expect(page2.items.map((c) => [c.id, c.unreadCount])).toEqual([[b.id, 0]]);
    expect(page2.nextCursor).toBeNull();
    expect(await t.svc.conversations.conversationIdsOf(me.id)).toEqual(expect.arrayContaining([a.id, b.id, dm.id]));
  });

  it('updates my notification level and mute, telling my other devices', async () => {
    const ch = await t.svc.conversations.createChannel(wei.actor, { name: 'noisy', visibility: 'public', memberIds: [li.id] });
    const prefs = await t.svc.membership.updateMyMembership(li.actor, ch.id, { notifyLevel: 'mentions', muted: true });
    expect(prefs).toMatchObject({ notifyLevel: 'mentions', muted: true, role: 'member' });
    const event = t.published.findLast((e) => e.type === 'membership.updated');
    expect(event).toMatchObject({ audience: { scope: 'user', userId: li.id }, payload: { conversationId: ch.id, notifyLevel: 'mentions', muted: true } });
    await expect(t.svc.membership.updateMyMembership(zhao.actor, ch.id, { muted: true })).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
  });
});
