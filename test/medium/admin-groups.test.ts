import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MessagingEventBus, type DomainEvent } from '@enclave/messaging';
import { createAdminTestApp, type AdminTestApp, type SignedIn } from './support/admin-test-app.js';

describe('account administration: groups and channels that follow them', () => {
  let t: AdminTestApp;
  const published: DomainEvent[] = [];
  let users: Record<string, SignedIn>;

  beforeAll(async () => {
    t = await createAdminTestApp();
    t.app.get(MessagingEventBus, { strict: false }).subscribe((e) => {
      published.push(e);
    });
    users = {};
    for (const name of ['ann', 'ben', 'cai', 'dora', 'eli']) users[name] = await t.signedIn(name);
  });
  afterAll(async () => {
    await t?.close();
  });

  const group = async (name: string, parentId?: string) => {
    const res = await t.asAdmin('post', '/api/v1/admin/groups').send({ name, displayName: `${name} 组`, ...(parentId ? { parentId } : {}) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const channel = async (name: string, owner = t.admin) => {
    const res = await t.http().post('/api/v1/conversations/channels').set('Authorization', `Bearer ${owner.token}`).send({ name, visibility: 'private' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const members = async (conversationId: string) =>
    (await t.query<{ user_id: string }>(`SELECT user_id FROM conversation_member WHERE conversation_id = $1`, [conversationId])).map((r) => r.user_id).sort();
  const addMembers = (groupId: string, ...names: string[]) => t.asAdmin('post', `/api/v1/admin/groups/${groupId}/members`).send({ userIds: names.map((n) => users[n].id) });

  it('creates, renames and lists groups; names are unique case-insensitively; nesting stops at one level', async () => {
    const eng = await group('engineering');
    const backend = await group('backend', eng);
    const res = await t.asAdmin('post', '/api/v1/admin/groups').send({ name: 'db-team', displayName: 'DB', parentId: backend });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('GROUP_NESTING_TOO_DEEP');
    const taken = await t.asAdmin('post', '/api/v1/admin/groups').send({ name: 'ENGINEERING', displayName: 'x' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'GROUP_NAME_TAKEN']);
    expect((await t.asAdmin('post', '/api/v1/admin/groups').send({ name: 'orphan', displayName: 'x', parentId: '00000000-0000-4000-8000-000000000001' })).body.error.code).toBe(
      'GROUP_NOT_FOUND',
    );
    const renamed = await t.asAdmin('patch', `/api/v1/admin/groups/${backend}`).send({ name: 'platform', displayName: '平台组' });
    expect(renamed.body).toMatchObject({ name: 'platform', displayName: '平台组', parentId: eng });
    expect((await t.asAdmin('patch', `/api/v1/admin/groups/${backend}`).send({ name: 'Engineering' })).body.error.code).toBe('GROUP_NAME_TAKEN');
    const [audit] = (await t.auditRows('group.updated')).filter((r) => r.target_id === backend && r.outcome === 'success');
    expect(audit).toMatchObject({ before: { name: 'backend' }, after: { name: 'platform', displayName: '平台组' } });
    const page1 = await t.asAdmin('get', '/api/v1/admin/groups').query({ limit: 1 });
    const page2 = await t.asAdmin('get', '/api/v1/admin/groups').query({ limit: 1, cursor: page1.body.nextCursor });
    expect([...page1.body.items, ...page2.body.items].map((g: { name: string }) => g.name)).toEqual(['engineering', 'platform']);
  });

  it('adding a group to a channel adds its members (and child groups\' members), with the usual membership events', async () => {
    const sales = await group('sales');
    const emea = await group('sales-emea', sales);
    expect((await addMembers(sales, 'ann', 'ben')).body.memberCount).toBe(2);
    await addMembers(emea, 'cai');
    const room = await channel('sales-room');
    published.length = 0;
    const linked = await t.asAdmin('post', `/api/v1/admin/groups/${sales}/channels`).send({ conversationId: room });
    expect(linked.status).toBe(200);
    expect(linked.body.channelIds).toEqual([room]);
    expect(await members(room)).toEqual([t.admin.id, users.ann.id, users.ben.id, users.cai.id].sort());
    const joined = published.filter((e) => e.type === 'member.joined').map((e) => (e.payload as { userId: string }).userId);
    expect(joined.sort()).toEqual([users.ann.id, users.ben.id, users.cai.id].sort());
    expect(published.filter((e) => e.type === 'conversation.added')).toHaveLength(3);
    const [audit] = (await t.auditRows('group.channel.linked')).filter((r) => r.target_id === sales);
    expect(audit.details).toMatchObject({ conversationId: room, membersAdded: 3 });
  });

  it('members follow the group: joining adds to its channels, leaving removes — but never someone who was there on their own', async () => {
    const ops = await group('ops');
    const room = await channel('ops-room');
    // dora is in the channel on her own before the group arrives.
    await t.http().post(`/api/v1/conversations/${room}/members`).set('Authorization', `Bearer ${t.admin.token}`).send({ userIds: [users.dora.id] });
    await t.asAdmin('post', `/api/v1/admin/groups/${ops}/channels`).send({ conversationId: room });
    await addMembers(ops, 'dora', 'eli');
    expect(await members(room)).toEqual([t.admin.id, users.dora.id, users.eli.id].sort());

    published.length = 0;
    expect((await t.asAdmin('delete', `/api/v1/admin/groups/${ops}/members/${users.eli.id}`)).status).toBe(204);
    expect((await t.asAdmin('delete', `/api/v1/admin/groups/${ops}/members/${users.dora.id}`)).status).toBe(204);
    expect(await members(room)).toEqual([t.admin.id, users.dora.id].sort());
    expect(published.filter((e) => e.type === 'member.left').map((e) => (e.payload as { userId: string }).userId)).toEqual([users.eli.id]);
    expect((await t.asAdmin('delete', `/api/v1/admin/groups/${ops}/members/${users.eli.id}`)).body.error.code).toBe('GROUP_MEMBER_NOT_FOUND');

    // Two groups give the same membership: it stays until the last one goes.
    const oncall = await group('oncall');
    await t.asAdmin('post', `/api/v1/admin/groups/${oncall}/channels`).send({ conversationId: room });
    await addMembers(ops, 'eli');
    await addMembers(oncall, 'eli');
    await t.asAdmin('delete', `/api/v1/admin/groups/${ops}/channels/${room}`);
    expect(await members(room)).toContain(users.eli.id);
    await t.asAdmin('delete', `/api/v1/admin/groups/${oncall}/channels/${room}`);
    expect(await members(room)).not.toContain(users.eli.id);
    expect(await members(room)).toContain(users.dora.id);
    expect((await t.asAdmin('delete', `/api/v1/admin/groups/${oncall}/channels/${room}`)).body.error.code).toBe('GROUP_CHANNEL_NOT_LINKED');
  });

  it('refuses DMs and unknown channels, unknown users and unknown groups with stable codes', async () => {
    const g = await group('misc');
    const dm = await t.http().post('/api/v1/conversations/direct').set('Authorization', `Bearer ${users.ann.token}`).send({ userId: users.ben.id });
    expect((await t.asAdmin('post', `/api/v1/admin/groups/${g}/channels`).send({ conversationId: dm.body.id })).body.error.code).toBe('GROUP_CHANNEL_INVALID');
    expect((await t.asAdmin('post', `/api/v1/admin/groups/${g}/channels`).send({ conversationId: '00000000-0000-4000-8000-000000000002' })).body.error.code).toBe('GROUP_CHANNEL_INVALID');
    const unknownUser = await t.asAdmin('post', `/api/v1/admin/groups/${g}/members`).send({ userIds: ['00000000-0000-4000-8000-000000000003'] });
    expect([unknownUser.status, unknownUser.body.error.code]).toEqual([404, 'ADMIN_USER_NOT_FOUND']);
    expect((await t.asAdmin('get', '/api/v1/admin/groups/00000000-0000-4000-8000-000000000004')).body.error.code).toBe('GROUP_NOT_FOUND');
    expect((await t.asAdmin('post', `/api/v1/admin/groups/${g}/members`).send({ userIds: [] })).status).toBe(400);
  });

  it('grants roles to groups through authz; members hold them; a user manager cannot add people to a role-granting group', async () => {
    const auditors = await group('auditors');
    const res = await t.asAdmin('put', `/api/v1/admin/groups/${auditors}/roles`).send({ roles: ['auditor'] });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['auditor']);
    const manager = await t.signedIn('grp-manager', { roles: ['user_manager'] });
    const refused = await t.http().post(`/api/v1/admin/groups/${auditors}/members`).set('Authorization', `Bearer ${manager.token}`).send({ userIds: [users.ann.id] });
    expect(refused.status).toBe(403);
    expect((await addMembers(auditors, 'ann')).status).toBe(200);
    // The user list's role filter sees roles held through a group, as authz does.
    const byGroupRole = await t.asAdmin('get', '/api/v1/admin/users').query({ role: 'auditor' });
    expect((byGroupRole.body.items as Array<{ username: string }>).map((u) => u.username)).toContain('ann');
    const unknownRole = await t.asAdmin('put', `/api/v1/admin/groups/${auditors}/roles`).send({ roles: ['wizard'] });
    expect(unknownRole.status).toBeGreaterThanOrEqual(400);
    expect(unknownRole.status).toBeLessThan(500);
  });

  it('assigns user roles through authz (audited by authz), and filters the user list by role and group', async () => {
    const res = await t.asAdmin('put', `/api/v1/admin/users/${users.ben.id}/roles`).send({ roles: ['compliance_officer'] });
    expect(res.status).toBe(200);
    expect((await t.asAdmin('get', `/api/v1/admin/users/${users.ben.id}`)).body.roles).toEqual(['compliance_officer']);
    expect((await t.auditRows('authz.user_roles.changed')).filter((r) => r.target_id === users.ben.id)).toHaveLength(1);
    const byRole = await t.asAdmin('get', '/api/v1/admin/users').query({ role: 'compliance_officer' });
    expect((byRole.body.items as Array<{ username: string }>).map((u) => u.username)).toEqual(['ben']);
    const groups = (await t.asAdmin('get', '/api/v1/admin/groups').query({ limit: 200 })).body.items as Array<{ id: string; name: string }>;
    const sales = groups.find((g) => g.name === 'sales')!.id;
    const inSales = await t.asAdmin('get', '/api/v1/admin/users').query({ groupId: sales });
    expect((inSales.body.items as Array<{ username: string }>).map((u) => u.username)).toEqual(['ann', 'ben']);
    expect(inSales.body.items[0].groups).toEqual(expect.arrayContaining([{ id: sales, name: 'sales' }]));
  });

  it('erasing a user keeps their messages, shown under the pseudonym, and drops their group-given memberships', async () => {
    const room = (await t.query<{ id: string }>(`SELECT id FROM conversation WHERE name = 'sales-room'`))[0].id;
    const sent = await t.http().post(`/api/v1/conversations/${room}/messages`).set('Authorization', `Bearer ${users.cai.token}`).send({ text: '我的消息 stays', clientMsgId: 'erase-1' });
    expect(sent.status).toBe(201);
    const erased = await t.asAdmin('delete', `/api/v1/admin/users/${users.cai.id}`).send({ reason: 'erasure request 7' });
    expect(erased.status).toBe(200);
    expect(await members(room)).not.toContain(users.cai.id);
    const history = await t.http().get(`/api/v1/conversations/${room}/messages`).set('Authorization', `Bearer ${users.ann.token}`);
    const message = (history.body.items as Array<{ text: string; senderId: string }>).find((m) => m.text === '我的消息 stays');
    expect(message?.senderId).toBe(users.cai.id);
    const [sender] = await t.query<{ username: string; display_name: string }>(`SELECT username, display_name FROM app_user WHERE id = $1`, [users.cai.id]);
    expect(sender.username).toBe(erased.body.username);
    expect(sender.display_name).toBe(erased.body.username);
  });

  it('gives a reactivated account the channels its groups were linked to while it was deactivated', async () => {
    const ops = await group('ops-rotation');
    expect((await addMembers(ops, 'dora')).status).toBe(200);
    expect((await t.asAdmin('post', `/api/v1/admin/users/${users.dora.id}/deactivate`).send({})).status).toBe(200);
    const oncall = await channel('oncall-rotation');
    expect((await t.asAdmin('post', `/api/v1/admin/groups/${ops}/channels`).send({ conversationId: oncall })).status).toBeLessThan(300);
    expect(await members(oncall)).not.toContain(users.dora.id);
    expect((await t.asAdmin('post', `/api/v1/admin/users/${users.dora.id}/reactivate`).send({})).status).toBe(200);
    expect(await members(oncall)).toContain(users.dora.id);
  });

  it('deletes a group: its channel-given memberships and roles go, child groups must go first', async () => {
    const parent = await group('temp-parent');
    const child = await group('temp-child', parent);
    const refused = await t.asAdmin('delete', `/api/v1/admin/groups/${parent}`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'GROUP_HAS_CHILDREN']);
    const room = await channel('temp-room');
    expect((await addMembers(child, 'eli')).status).toBe(200);
    expect((await t.asAdmin('put', `/api/v1/admin/groups/${child}/roles`).send({ roles: ['auditor'] })).status).toBe(200);
    await t.asAdmin('post', `/api/v1/admin/groups/${child}/channels`).send({ conversationId: room });
    expect(await members(room)).toContain(users.eli.id);
    expect((await t.asAdmin('delete', `/api/v1/admin/groups/${child}`)).status).toBe(204);
    expect(await members(room)).not.toContain(users.eli.id);
    const byRole = await t.asAdmin('get', '/api/v1/admin/users').query({ role: 'auditor' });
    expect((byRole.body.items as Array<{ username: string }>).map((u) => u.username)).not.toContain('eli');
    expect((await t.asAdmin('get', `/api/v1/admin/groups/${child}`)).status).toBe(404);
    expect((await t.auditRows('group.deleted')).map((r) => r.target_id)).toContain(child);
    expect((await t.asAdmin('delete', `/api/v1/admin/groups/${parent}`)).status).toBe(204);
  });
});

