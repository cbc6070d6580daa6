import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { as, expectError, signedInWith, type Signed } from './support/authz-test-helpers.js';
import { createMessagingTestApp, type MessagingTestApp } from './support/messaging-test-app.js';

const HOUR = 3_600_000;

describe('authz: guests and time-bound rules', () => {
  let t: MessagingTestApp;
  let host: Signed;
  let colleague: Signed;
  let guest: Signed;

  beforeAll(async () => {
    // Long-lived access tokens: the tests move the clock by hours.
    t = await createMessagingTestApp({ AUTHZ_MESSAGE_EDIT_WINDOW_MINUTES: '15', ACCESS_TOKEN_TTL_SECONDS: '86400' });
    host = await signedInWith(t, 'host');
    colleague = await signedInWith(t, 'colleague');
    guest = await signedInWith(t, 'contractor', ['guest']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets a guest see and use only the conversations they were invited to', async () => {
    const invited = await t.svc.conversations.createChannel(host.actor, { name: 'project-x', visibility: 'private', memberIds: [guest.id] });
    const open = await t.svc.conversations.createChannel(host.actor, { name: 'town-square', visibility: 'public' });
    const g = as(t, guest);
    expect((await g.post(`/api/v1/conversations/${invited.id}/messages`, { text: 'hello from outside' })).status).toBe(201);
    expect(((await g.get('/api/v1/conversations')).body as { items: Array<{ id: string }> }).items.map((c) => c.id)).toEqual([invited.id]);
    expectError(await g.get(`/api/v1/conversations/${open.id}`), 404, 'CONVERSATION_NOT_FOUND');
    expectError(await g.get(`/api/v1/conversations/${open.id}/messages`), 404, 'CONVERSATION_NOT_FOUND');
    // Refused before the channel is even looked up: the 403 says nothing about which channels exist.
    expectError(await g.post(`/api/v1/conversations/${open.id}/join`), 403, 'FORBIDDEN');
    expectError(await g.get('/api/v1/conversations/browse'), 403, 'FORBIDDEN');
    expectError(await g.post('/api/v1/conversations/channels', { name: 'guest-room', visibility: 'private' }), 403, 'FORBIDDEN');
    expectError(await g.post(`/api/v1/conversations/${invited.id}/members`, { userIds: [colleague.id] }), 403, 'FORBIDDEN');
  });

  it('lets a guest DM the people they share a conversation with, and nobody else', async () => {
    const g = as(t, guest);
    expect((await g.post('/api/v1/direct-messages', { userId: host.id, text: 'quick question' })).status).toBe(201);
    // Strangers look like unknown users, so guests cannot probe who exists.
    expectError(await g.post('/api/v1/direct-messages', { userId: colleague.id, text: 'hi stranger' }), 400, 'USER_NOT_FOUND');
    expectError(await g.post('/api/v1/conversations/group', { userIds: [host.id, colleague.id] }), 400, 'USER_NOT_FOUND');
    expect((await as(t, colleague).post('/api/v1/direct-messages', { userId: guest.id, text: 'welcome' })).status).toBe(201);
    expect((await g.post('/api/v1/direct-messages', { userId: colleague.id, text: 'thanks' })).status).toBe(201);
  });

  it('stops an expired guest account from acting at all', async () => {
    const temp = await signedInWith(t, 'temp-guest', ['guest']);
    await t.query(`UPDATE app_user SET guest_expires_at = $2 WHERE id = $1`, [temp.id, new Date(t.clock.now().getTime() + HOUR)]);
    expect((await as(t, temp).get('/api/v1/authz/me')).status).toBe(200);
    t.clock.advance(HOUR);
    // Identity already refuses the token of an expired guest; authz refuses the actor again
    // wherever a session outlives its token check (a WebSocket authenticated at handshake).
    expect([401, 403]).toContain((await as(t, temp).get('/api/v1/conversations')).status);
    await expect(t.svc.conversations.listMine(temp.actor)).rejects.toMatchObject({ code: 'AUTHZ_ACCOUNT_EXPIRED', status: 403 });
    await expect(t.svc.messages.send(temp.actor, '9f1d7c42-6a53-4e0b-8f3c-2b1a0d9e8c77', { text: 'still here?' })).rejects.toMatchObject({ code: 'AUTHZ_ACCOUNT_EXPIRED' });
  });

  it('lets authors edit within the configured window only, and delete their own whenever', async () => {
    const channel = await t.svc.conversations.createChannel(host.actor, { name: 'edits', visibility: 'public', memberIds: [colleague.id] });
    const sent = await t.svc.messages.send(colleague.actor, channel.id, { text: 'typo' });
    expect((await as(t, colleague).patch(`/api/v1/messages/${sent.message.id}`, { text: 'fixed' })).status).toBe(200);
    expectError(await as(t, host).patch(`/api/v1/messages/${sent.message.id}`, { text: 'not yours' }), 403, 'NOT_MESSAGE_AUTHOR');
    t.clock.advance(16 * 60_000);
    expectError(await as(t, colleague).patch(`/api/v1/messages/${sent.message.id}`, { text: 'too late' }), 403, 'FORBIDDEN');
    // The channel admin (its creator) deletes anyone's message in their channel; others cannot.
    const other = await t.svc.messages.send(host.actor, channel.id, { text: 'admin note' });
    expectError(await as(t, colleague).delete(`/api/v1/messages/${other.message.id}`), 403, 'NOT_ALLOWED_TO_DELETE');
    expect((await as(t, colleague).delete(`/api/v1/messages/${sent.message.id}`)).status).toBe(204);
    const again = await t.svc.messages.send(colleague.actor, channel.id, { text: 'second' });
    expect((await as(t, host).delete(`/api/v1/messages/${again.message.id}`)).status).toBe(204);
  });
});
