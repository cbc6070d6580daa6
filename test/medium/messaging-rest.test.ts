import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createMessagingTestApp, type MessagingTestApp, type TestUser } from './support/messaging-test-app.js';

type Signed = TestUser & { token: string };

describe('messaging: REST API (HTTP edge, error shapes, OpenAPI)', () => {
  let t: MessagingTestApp;
  let wei: Signed;
  let lina: Signed;

  beforeAll(async () => {
    t = await createMessagingTestApp();
    wei = await t.signedInUser('wei');
    lina = await t.signedInUser('lina');
  });
  afterAll(async () => {
    await t?.close();
  });

  const as = (user: Signed) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${user.token}`),
    post: (path: string, body?: unknown) => t.http().post(path).set('Authorization', `Bearer ${user.token}`).send(body as object),
    patch: (path: string, body: unknown) => t.http().patch(path).set('Authorization', `Bearer ${user.token}`).send(body as object),
    put: (path: string) => t.http().put(path).set('Authorization', `Bearer ${user.token}`),
    delete: (path: string) => t.http().delete(path).set('Authorization', `Bearer ${user.token}`),
  });

  const expectError = (res: { status: number; body: unknown }, status: number, code: string): void => {
    expect({ status: res.status, code: (res.body as { error?: { code?: string } }).error?.code }).toEqual({ status, code });
    const body = res.body as { error: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['error']);
    expect(typeof body.error.message).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/stack|QueryFailedError|SELECT|INSERT/);
  };

  it('requires a signed-in user on every messaging route', async () => {
    const id = '0b6f6a1e-4c1e-4d57-9a53-2f6a3b9c1d20';
    const routes: Array<[string, string]> = [
      ['get', '/api/v1/conversations'],
      ['get', '/api/v1/conversations/browse'],
      ['post', '/api/v1/conversations/channels'],
      ['post', '/api/v1/conversations/direct'],
      ['post', '/api/v1/conversations/group'],
      ['get', `/api/v1/conversations/${id}`],
      ['patch', `/api/v1/conversations/${id}`],
      ['post', `/api/v1/conversations/${id}/archive`],
      ['post', `/api/v1/conversations/${id}/unarchive`],
      ['post', `/api/v1/conversations/${id}/join`],
      ['post', `/api/v1/conversations/${id}/leave`],
      ['get', `/api/v1/conversations/${id}/members`],
      ['post', `/api/v1/conversations/${id}/members`],
      ['delete', `/api/v1/conversations/${id}/members/${id}`],
      ['patch', `/api/v1/conversations/${id}/membership`],
      ['get', `/api/v1/conversations/${id}/messages`],
      ['post', `/api/v1/conversations/${id}/messages`],
      ['get', `/api/v1/conversations/${id}/pins`],
      ['post', `/api/v1/conversations/${id}/read`],
      ['get', `/api/v1/conversations/${id}/read`],
      ['get', `/api/v1/conversations/${id}/receipts`],
      ['get', `/api/v1/messages/${id}`],
      ['patch', `/api/v1/messages/${id}`],
      ['delete', `/api/v1/messages/${id}`],
      ['get', `/api/v1/messages/${id}/revisions`],
      ['post', `/api/v1/messages/${id}/reactions`],
      ['put', `/api/v1/messages/${id}/pin`],
      ['delete', `/api/v1/messages/${id}/pin`],
      ['get', '/api/v1/threads'],
      ['get', `/api/v1/threads/${id}`],
      ['put', `/api/v1/threads/${id}/follow`],
      ['delete', `/api/v1/threads/${id}/follow`],
      ['post', `/api/v1/threads/${id}/read`],
      ['post', '/api/v1/direct-messages'],
      ['post', '/api/v1/sync'],
      ['get', '/api/v1/sync/conversations?since=0'],
    ];
    for (const [method, path] of routes) {
      const res = await (t.http() as unknown as Record<string, (p: string) => Promise<{ status: number; body: unknown }>>)[method](path);
      expect([method, path, res.status]).toEqual([method, path, 401]);
      expectError(res, 401, 'UNAUTHENTICATED');
    }
  });

  it('creates a channel, sends and re-sends idempotently (201 then 200), and reads history', async () => {
    const created = await as(wei).post('/api/v1/conversations/channels', { name: '产品讨论', visibility: 'public', memberIds: [lina.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '产品讨论', kind: 'public_channel', membership: { role: 'channel_admin' } });
    expect(Object.keys(created.body as object)).not.toContain('dmKey');
    const id = (created.body as { id: string }).id;

    const first = await as(lina).post(`/api/v1/conversations/${id}/messages`, { text: '@wei 你好 :wave:', clientMsgId: 'web-1' });
    expect(first.status).toBe(201);
    const again = await as(lina).post(`/api/v1/conversations/${id}/messages`, { text: '@wei 你好 :wave:', clientMsgId: 'web-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(first.body).toMatchObject({ text: '@wei 你好 :wave:', mentions: { userIds: [wei.id] }, senderId: lina.id });

    const history = await as(wei).get(`/api/v1/conversations/${id}/messages?limit=10`);
    expect(history.status).toBe(200);
    expect((history.body as { items: Array<{ id: string }> }).items.map((m) => m.id)).toContain((first.body as { id: string }).id);

    const mine = await as(wei).get('/api/v1/conversations');
    expect((mine.body as { items: Array<{ id: string; unreadCount: number; mentionCount: number }> }).items.find((c) => c.id === id)).toMatchObject({
      unreadCount: 1,
      mentionCount: 1,
    });
    const read = await as(wei).post(`/api/v1/conversations/${id}/read`, { seq: (first.body as { seq: number }).seq });
    expect(read.body).toMatchObject({ unreadCount: 0, mentionCount: 0 });
  });

  it('edits, reacts, pins, deletes and shows the edit history over REST', async () => {
    const id = ((await as(wei).post('/api/v1/conversations/channels', { name: 'rest-ops', visibility: 'public', memberIds: [lina.id] })).body as { id: string }).id;
    const msg = (await as(wei).post(`/api/v1/conversations/${id}/messages`, { text: 'v1' })).body as { id: string };
    expect((await as(wei).patch(`/api/v1/messages/${msg.id}`, { text: 'v2' })).body).toMatchObject({ text: 'v2', edited: true });
    expectError(await as(lina).patch(`/api/v1/messages/${msg.id}`, { text: 'mine now' }), 403, 'NOT_MESSAGE_AUTHOR');
    const revisions = await as(wei).get(`/api/v1/messages/${msg.id}/revisions`);
    expect((revisions.body as { items: Array<{ text: string }> }).items.map((r) => r.text)).toEqual(['v1', 'v2']);
    expect((await as(lina).post(`/api/v1/messages/${msg.id}/reactions`, { emoji: ':+1:' })).body).toMatchObject({ reactions: [{ emoji: '👍', count: 1, me: true }] });
    expect((await as(lina).put(`/api/v1/messages/${msg.id}/pin`)).body).toMatchObject({ pinnedBy: lina.id });
    expect(((await as(wei).get(`/api/v1/conversations/${id}/pins`)).body as { items: unknown[] }).items).toHaveLength(1);
    expect((await as(wei).delete(`/api/v1/messages/${msg.id}`)).status).toBe(204);
    expect((await as(lina).get(`/api/v1/messages/${msg.id}`)).body).toMatchObject({ deleted: true, text: '', reactions: [] });
    expectError(await as(wei).get(`/api/v1/messages/${msg.id}/revisions`), 404, 'MESSAGE_NOT_FOUND');
  });

  it('answers bad input with 4xx and one error shape, never a 500', async () => {
    const id = ((await as(wei).post('/api/v1/conversations/channels', { name: 'errors', visibility: 'public' })).body as { id: string }).id;
    const cases: Array<[string, () => Promise<{ status: number; body: unknown }>, number, string]> = [
      ['missing visibility', () => as(wei).post('/api/v1/conversations/channels', { name: 'x1' }), 400, 'VALIDATION_FAILED'],
      ['unknown field', () => as(wei).post('/api/v1/conversations/channels', { name: 'x2', visibility: 'public', owner: 'me' }), 400, 'VALIDATION_FAILED'],
      ['name too long', () => as(wei).post('/api/v1/conversations/channels', { name: 'n'.repeat(81), visibility: 'public' }), 400, 'VALIDATION_FAILED'],
      ['emoji in name', () => as(wei).post('/api/v1/conversations/channels', { name: 'party🎉', visibility: 'public' }), 400, 'VALIDATION_FAILED'],
      ['taken name', () => as(lina).post('/api/v1/conversations/channels', { name: 'ERRORS', visibility: 'private' }), 409, 'CHANNEL_NAME_TAKEN'],
      ['bad uuid in path', () => as(wei).get('/api/v1/conversations/not-a-uuid'), 400, 'VALIDATION_FAILED'],
      ['unknown conversation', () => as(wei).get('/api/v1/conversations/6e3c1c2a-5b1d-4f3e-9a8b-7c6d5e4f3a2b'), 404, 'CONVERSATION_NOT_FOUND'],
      ['unknown message', () => as(wei).get('/api/v1/messages/6e3c1c2a-5b1d-4f3e-9a8b-7c6d5e4f3a2b'), 404, 'MESSAGE_NOT_FOUND'],
      ['empty text', () => as(wei).post(`/api/v1/conversations/${id}/messages`, { text: '' }), 400, 'VALIDATION_FAILED'],
      ['blank text', () => as(wei).post(`/api/v1/conversations/${id}/messages`, { text: '   ' }), 400, 'MESSAGE_EMPTY'],
      ['text not a string', () => as(wei).post(`/api/v1/conversations/${id}/messages`, { text: 42 }), 400, 'VALIDATION_FAILED'],
      ['NUL in text', () => as(wei).post(`/api/v1/conversations/${id}/messages`, { text: 'a\u0000b' }), 400, 'VALIDATION_FAILED'],
      ['too long', () => as(wei).post(`/api/v1/conversations/${id}/messages`, { text: '字'.repeat(16_001) }), 400, 'MESSAGE_TOO_LONG'],
      ['bad clientMsgId', () => as(wei).post(`/api/v1/conversations/${id}/messages`, { text: 'x', clientMsgId: 'has spaces' }), 400, 'VALIDATION_FAILED'],
      ['not a member', () => as(lina).post(`/api/v1/conversations/${id}/messages`, { text: 'hi' }), 403, 'NOT_A_MEMBER'],
      ['limit too high', () => as(wei).get(`/api/v1/conversations/${id}/messages?limit=500`), 400, 'VALIDATION_FAILED'],
      ['seq not a number', () => as(wei).get(`/api/v1/conversations/${id}/messages?before=abc`), 400, 'VALIDATION_FAILED'],
      ['negative read seq', () => as(wei).post(`/api/v1/conversations/${id}/read`, { seq: -1 }), 400, 'VALIDATION_FAILED'],
      ['bad cursor', () => as(wei).get('/api/v1/conversations?cursor=%%%'), 400, 'INVALID_CURSOR'],
      ['NUL in search', () => as(wei).get('/api/v1/conversations/browse?q=a%00b'), 400, 'VALIDATION_FAILED'],
      ['NUL in cursor', () => as(wei).get(`/api/v1/conversations/browse?cursor=${Buffer.from(JSON.stringify({ k: 'a\u0000', id })).toString('base64url')}`), 400, 'INVALID_CURSOR'],
      ['group too small', () => as(wei).post('/api/v1/conversations/group', { userIds: [lina.id] }), 400, 'GROUP_DM_SIZE'],
      ['bad emoji', () => as(wei).post(`/api/v1/conversations/${id}/messages`, { text: 'x' }).then(async (m) => as(wei).post(`/api/v1/messages/${(m.body as { id: string }).id}/reactions`, { emoji: 'lol' })), 400, 'INVALID_EMOJI'],
      ['sync map keys', () => as(wei).post('/api/v1/sync', { conversations: { nope: 1 } }), 400, 'VALIDATION_FAILED'],
      ['sync map not an object', () => as(wei).post('/api/v1/sync', { conversations: [1, 2] }), 400, 'VALIDATION_FAILED'],
      ['since missing', () => as(wei).get('/api/v1/sync/conversations'), 400, 'VALIDATION_FAILED'],
      ['receipts in a channel', () => as(wei).get(`/api/v1/conversations/${id}/receipts`), 400, 'RECEIPTS_NOT_AVAILABLE'],
    ];
    for (const [label, call, status, code] of cases) {
      const res = await call();
      expect([label, res.status, (res.body as { error?: { code?: string } }).error?.code]).toEqual([label, status, code]);
      expectError(res, status, code);
    }
    const malformed = await t.http().post(`/api/v1/conversations/${id}/messages`).set('Authorization', `Bearer ${wei.token}`).set('Content-Type', 'application/json').send('{"text": "x"');
    expectError(malformed, 400, 'MALFORMED_JSON');
    const tooLong = await as(wei).post(`/api/v1/conversations/${id}/messages`, { text: '😀'.repeat(16_001) });
    expect((tooLong.body as { error: { details: unknown } }).error.details).toEqual({ maxLength: 16_000, length: 16_001 });
  });

  it('hides private channels from non-members with 404 over REST', async () => {
    const id = ((await as(wei).post('/api/v1/conversations/channels', { name: 'rest-private', visibility: 'private' })).body as { id: string }).id;
    for (const res of [
      await as(lina).get(`/api/v1/conversations/${id}`),
      await as(lina).get(`/api/v1/conversations/${id}/messages`),
      await as(lina).post(`/api/v1/conversations/${id}/join`),
      await as(lina).post(`/api/v1/conversations/${id}/messages`, { text: 'knock knock' }),
    ]) {
      expectError(res, 404, 'CONVERSATION_NOT_FOUND');
    }
  });

  it('creates a DM on the first direct message, idempotently', async () => {
    const zhou = await t.signedInUser('zhou');
    const first = await as(zhou).post('/api/v1/direct-messages', { userId: wei.id, text: '第一条消息', clientMsgId: 'dm-1' });
    expect(first.status).toBe(201);
    const again = await as(zhou).post('/api/v1/direct-messages', { userId: wei.id, text: '第一条消息', clientMsgId: 'dm-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const conversationId = (first.body as { conversationId: string }).conversationId;
    const dm = await as(wei).get(`/api/v1/conversations/${conversationId}`);
    expect(dm.body).toMatchObject({ kind: 'dm', unreadCount: 1 });
    expect((await as(wei).post('/api/v1/conversations/direct', { userId: zhou.id })).body).toMatchObject({ id: conversationId });
    expectError(await as(zhou).post('/api/v1/direct-messages', { userId: 'nobody', text: 'x' }), 400, 'VALIDATION_FAILED');
    expectError(await as(zhou).post('/api/v1/direct-messages', { userId: '6e3c1c2a-5b1d-4f3e-9a8b-7c6d5e4f3a2b', text: 'x' }), 400, 'USER_NOT_FOUND');
  });

  it('syncs over REST like over the socket', async () => {
    const dm = (await as(wei).post('/api/v1/conversations/direct', { userId: lina.id })).body as { id: string; lastSeq: number };
    await as(lina).post(`/api/v1/conversations/${dm.id}/messages`, { text: 'while you were away' });
    const res = await as(wei).post('/api/v1/sync', { conversations: { [dm.id]: dm.lastSeq }, userCursor: 0 });
    expect(res.status).toBe(200);
    const body = res.body as { conversations: Array<{ events: Array<{ type: string; payload: { message?: { text: string } } }> }>; user: { events: unknown[] } };
    expect(body.conversations[0].events.map((e) => [e.type, e.payload.message?.text])).toEqual([['message.created', 'while you were away']]);
    expect(body.user.events.length).toBeGreaterThan(0);
    const changed = await as(wei).get('/api/v1/sync/conversations?since=0');
    expect(changed.status).toBe(200);
    expect((changed.body as { added: Array<{ id: string }> }).added.map((c) => c.id)).toContain(dm.id);
  });

  it('documents the messaging API in OpenAPI with tags and summaries', async () => {
    const { SwaggerModule, DocumentBuilder } = await import('@nestjs/swagger');
    const doc = SwaggerModule.createDocument(t.app, new DocumentBuilder().build());
    const messagingPaths = Object.entries(doc.paths).filter(([path]) => /^\/api\/v1\/(conversations|messages|direct-messages|threads|sync)/.test(path));
    expect(messagingPaths.length).toBeGreaterThanOrEqual(20);
    for (const [path, item] of messagingPaths) {
      for (const [method, op] of Object.entries(item as Record<string, { summary?: string; tags?: string[] }>)) {
        expect([path, method, typeof op.summary, (op.tags ?? []).length > 0]).toEqual([path, method, 'string', true]);
      }
    }
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['MessageResponse', 'ConversationResponse', 'SendMessageRequest', 'CatchUpResponse']));
  });
});
