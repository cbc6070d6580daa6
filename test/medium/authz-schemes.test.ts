import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { as, expectError, signedInWith, type Signed } from './support/authz-test-helpers.js';
import { createMessagingTestApp, type MessagingTestApp } from './support/messaging-test-app.js';

const READ_ONLY = { member: ['message.react', 'channel.leave'], channelAdmin: ['message.create', 'message.react', 'message.pin', 'message.mention.channel', 'message.delete.any', 'channel.rename', 'channel.leave'] };

describe('authz: permission schemes (default and per channel)', () => {
  let t: MessagingTestApp;
  let admin: Signed;
  let owner: Signed;
  let reader: Signed;
  let outsider: Signed;

  beforeAll(async () => {
    t = await createMessagingTestApp();
    admin = await signedInWith(t, 'scheme-admin', ['system_admin']);
    owner = await signedInWith(t, 'announcer');
    reader = await signedInWith(t, 'reader');
    outsider = await signedInWith(t, 'outsider');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the built-in default and refuses schemes with unknown or non-channel permissions', async () => {
    const res = await as(t, admin).get('/api/v1/admin/permission-schemes/default');
    expect(res.body).toMatchObject({ conversationId: null, overridden: false, updatedAt: null });
    expect((res.body as { member: string[] }).member).toContain('message.create');
    expectError(await as(t, admin).put('/api/v1/admin/permission-schemes/default', { member: ['user.delete'], channelAdmin: [] }), 400, 'AUTHZ_PERMISSION_NOT_SCHEMABLE');
    expectError(await as(t, admin).put('/api/v1/admin/permission-schemes/default', { member: ['message.teleport'], channelAdmin: [] }), 400, 'AUTHZ_UNKNOWN_PERMISSION');
    expectError(await as(t, admin).put('/api/v1/admin/permission-schemes/default', { member: 'message.create' }), 400, 'VALIDATION_FAILED');
    expectError(await as(t, owner).put('/api/v1/admin/permission-schemes/default', { member: [], channelAdmin: [] }), 403, 'FORBIDDEN');
  });

  it('makes an announcements channel where members react but only channel admins post', async () => {
    const channel = await t.svc.conversations.createChannel(owner.actor, { name: 'announcements', visibility: 'public', memberIds: [reader.id] });
    const path = `/api/v1/conversations/${channel.id}/permission-scheme`;
    // Overrides are a system administrator's call by default, not the channel admin's.
    expectError(await as(t, owner).put(path, READ_ONLY), 403, 'FORBIDDEN');
    const set = await as(t, admin).put(path, READ_ONLY);
    expect(set.body).toMatchObject({ conversationId: channel.id, overridden: true, member: ['channel.leave', 'message.react'] });
    const posted = await t.svc.messages.send(owner.actor, channel.id, { text: 'Office closed on Friday' });
    expectError(await as(t, reader).post(`/api/v1/conversations/${channel.id}/messages`, { text: 'me too' }), 403, 'FORBIDDEN');
    expect((await as(t, reader).post(`/api/v1/messages/${posted.message.id}/reactions`, { emoji: '👍' })).status).toBe(200);
    expectError(await as(t, reader).put(`/api/v1/messages/${posted.message.id}/pin`), 403, 'FORBIDDEN');
    // Members may look at the rules of a channel they can see.
    expect((await as(t, reader).get(path)).body).toMatchObject({ overridden: true });
    const audit = (await t.auditRows('authz.scheme.updated')).filter((r) => r.target_id === channel.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_type: 'conversation', before: null, after: { member: ['channel.leave', 'message.react'] } });
    // Back to the default: members post again at once.
    expect((await as(t, admin).delete(path)).body).toMatchObject({ overridden: false });
    expect((await as(t, reader).post(`/api/v1/conversations/${channel.id}/messages`, { text: 'now I can' })).status).toBe(201);
    expect((await t.auditRows('authz.scheme.updated')).filter((r) => r.target_id === channel.id).at(-1)).toMatchObject({ after: null });
  });

  it('hides private channels behind 404 and refuses schemes on DMs', async () => {
    const secret = await t.svc.conversations.createChannel(owner.actor, { name: 'secret-plans', visibility: 'private' });
    expectError(await as(t, outsider).get(`/api/v1/conversations/${secret.id}/permission-scheme`), 404, 'AUTHZ_CONVERSATION_NOT_FOUND');
    expectError(await as(t, outsider).put(`/api/v1/conversations/${secret.id}/permission-scheme`, READ_ONLY), 404, 'AUTHZ_CONVERSATION_NOT_FOUND');
    expect((await as(t, admin).get(`/api/v1/conversations/${secret.id}/permission-scheme`)).status).toBe(200);
    const dm = await t.svc.direct.openDirect(owner.actor, { userId: reader.id });
    expectError(await as(t, owner).get(`/api/v1/conversations/${dm.id}/permission-scheme`), 400, 'AUTHZ_NOT_A_CHANNEL');
    expectError(await as(t, owner).get('/api/v1/conversations/9f1d7c42-6a53-4e0b-8f3c-2b1a0d9e8c77/permission-scheme'), 404, 'AUTHZ_CONVERSATION_NOT_FOUND');
  });

  it('changes every channel without an override when the default changes, audited with before/after', async () => {
    const channel = await t.svc.conversations.createChannel(owner.actor, { name: 'general', visibility: 'public', memberIds: [reader.id] });
    const message = await t.svc.messages.send(owner.actor, channel.id, { text: 'pin me' });
    expect((await as(t, reader).put(`/api/v1/messages/${message.message.id}/pin`)).status).toBe(200);
    const current = (await as(t, admin).get('/api/v1/admin/permission-schemes/default')).body as { member: string[]; channelAdmin: string[] };
    const withoutPins = { member: current.member.filter((p) => p !== 'message.pin'), channelAdmin: current.channelAdmin };
    expect((await as(t, admin).put('/api/v1/admin/permission-schemes/default', withoutPins)).body).toMatchObject({ overridden: true });
    expectError(await as(t, reader).delete(`/api/v1/messages/${message.message.id}/pin`), 403, 'FORBIDDEN');
    expect((await as(t, owner).delete(`/api/v1/messages/${message.message.id}/pin`)).status).toBe(200);
    const [audit] = (await t.auditRows('authz.scheme.updated')).filter((r) => r.target_id === 'default');
    expect((audit.before as { member: string[] }).member).toContain('message.pin');
    expect((audit.after as { member: string[] }).member).not.toContain('message.pin');
    await as(t, admin).put('/api/v1/admin/permission-schemes/default', current);
  });
});
