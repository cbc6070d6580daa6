import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SYSTEM_ACTOR } from '@enclave/core';
import { IdentityEvents, UserLifecycleService, type IdentityEvent } from '@enclave/identity';
import { ADMIN_TEST_PASSWORD, createAdminTestApp, type AdminTestApp } from './support/admin-test-app.js';

describe('account administration: users', () => {
  let t: AdminTestApp;
  const events: IdentityEvent[] = [];

  beforeAll(async () => {
    t = await createAdminTestApp();
    t.app.get(IdentityEvents, { strict: false }).subscribe((e) => {
      events.push(e);
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (body: Record<string, unknown>) => t.asAdmin('post', '/api/v1/admin/users').send(body);

  it('refuses every admin route to a signed-in non-administrator, and to nobody', async () => {
    const plain = await t.signedIn('plain-user');
    for (const [method, path] of [
      ['get', '/api/v1/admin/users'],
      ['post', '/api/v1/admin/users'],
      ['post', `/api/v1/admin/users/${plain.id}/deactivate`],
      ['get', '/api/v1/admin/groups'],
    ] as const) {
      const res = await t.http()[method](path).set('Authorization', `Bearer ${plain.token}`).send({});
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect((await t.http()[method](path).send({})).status).toBe(401);
    }
  });

  it('creates users (Chinese display names), refuses taken and invalid usernames with stable codes, and audits the creation', async () => {
    const res = await create({ username: 'Zhang.Wei', displayName: '张伟', email: 'zhang.wei@example.com', locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'zhang.wei', displayName: '张伟', status: 'active', mustChangePassword: false, groups: [], deactivatedByAdmin: false });
    expect((await create({ username: 'ZHANG.WEI', displayName: 'x' })).body.error.code).toBe('USERNAME_TAKEN');
    expect((await create({ username: '张伟', displayName: 'x' })).body.error.code).toBe('USERNAME_INVALID');
    expect((await create({ username: 'ok-name', displayName: '' })).status).toBe(400);
    const [audit] = (await t.auditRows('user.created')).filter((r) => r.target_id === res.body.id);
    expect(audit).toMatchObject({ outcome: 'success', actor_user_id: t.admin.id, after: { username: 'zhang.wei', displayName: '张伟' } });
  });

  it('creates a user with a first password that must be changed: sign-in gives a restricted session until the change', async () => {
    const res = await create({ username: 'first-pw', displayName: 'First', password: 'amber-orchard-47-quietly' });
    expect(res.status).toBe(201);
    expect(res.body.mustChangePassword).toBe(true);
    const login = await t.signIn('first-pw', 'amber-orchard-47-quietly');
    expect(login.status).toBe(200);
    expect(login.body.passwordChangeRequired).toBe(true);
    const token = String(login.body.accessToken);
    const blocked = await t.http().get('/api/v1/users/me/sessions').set('Authorization', `Bearer ${token}`);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    expect((await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const changed = await t
      .http()
      .post('/api/v1/users/me/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: 'amber-orchard-47-quietly', newPassword: 'violet-meadow-29-gently' });
    expect(changed.status).toBe(204);
    expect((await t.http().get('/api/v1/users/me/sessions').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await t.signIn('first-pw', 'violet-meadow-29-gently')).body.passwordChangeRequired).toBe(false);
  });

  it('lists with search (username, CJK display name, email), filters and keyset pagination', async () => {
    for (const [username, displayName, email] of [
      ['li.na', '李娜', 'li.na@corp.example'],
      ['li.lei', '李雷', null],
      ['wang.fang', '王芳', 'fang@corp.example'],
      ['kim.minji', '김민지', null],
      ['tanaka', '田中', 'tanaka@corp.example'],
    ] as const) {
      expect((await create({ username, displayName, ...(email ? { email } : {}) })).status).toBe(201);
    }
    const search = async (q: string) => ((await t.asAdmin('get', '/api/v1/admin/users').query({ q })).body.items as Array<{ username: string }>).map((u) => u.username);
    expect(await search('李')).toEqual(['li.lei', 'li.na']);
    expect(await search('민지')).toEqual(['kim.minji']);
    expect(await search('CORP.EXAMPLE')).toEqual(['li.na', 'tanaka', 'wang.fang']);
    expect(await search('li.')).toEqual(['li.lei', 'li.na']);
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.asAdmin('get', '/api/v1/admin/users').query({ limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as Array<{ username: string }>).map((u) => u.username));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['li.na', 'tanaka', 'root-admin']));

    const admins = await t.asAdmin('get', '/api/v1/admin/users').query({ role: 'system_admin' });
    expect((admins.body.items as Array<{ username: string }>).map((u) => u.username)).toEqual(['root-admin']);
    const recentlyActive = await t.asAdmin('get', '/api/v1/admin/users').query({ lastActiveAfter: new Date(t.clock.now().getTime() - 3_600_000).toISOString() });
    expect((recentlyActive.body.items as Array<{ username: string }>).map((u) => u.username)).toContain('root-admin');
    expect((recentlyActive.body.items as Array<{ username: string }>).map((u) => u.username)).not.toContain('tanaka');
    expect((await t.asAdmin('get', '/api/v1/admin/users').query({ cursor: 'not-a-cursor' })).body.error.code).toBe('ADMIN_INVALID_CURSOR');
    expect((await t.asAdmin('get', '/api/v1/admin/users').query({ status: 'sleeping' })).status).toBe(400);
    expect((await t.asAdmin('get', '/api/v1/admin/users').query({ q: 'a\u0000b' })).status).toBe(200);
  });

  it('edits a profile, refuses a taken username, and audits only the fields that changed', async () => {
    const id = (await create({ username: 'editable', displayName: 'Before' })).body.id as string;
    const res = await t.asAdmin('patch', `/api/v1/admin/users/${id}`).send({ displayName: '之后', email: 'after@example.com', username: 'edited' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'edited', displayName: '之后', email: 'after@example.com' });
    expect((await t.asAdmin('patch', `/api/v1/admin/users/${id}`).send({ username: 'tanaka' })).body.error.code).toBe('USERNAME_TAKEN');
    const audit = (await t.auditRows('user.updated')).filter((r) => r.target_id === id && r.outcome === 'success').at(-1);
    expect(audit).toMatchObject({ before: { displayName: 'Before', email: null, username: 'editable' }, after: { displayName: '之后', email: 'after@example.com', username: 'edited' } });
    expect((await t.auditRows('user.updated')).some((r) => r.target_id === id && r.outcome === 'failure')).toBe(true);
    const missing = await t.asAdmin('patch', '/api/v1/admin/users/00000000-0000-4000-8000-000000000099').send({ displayName: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ADMIN_USER_NOT_FOUND');
  });

  it('deactivates: sessions and refresh tokens die at once, the seat is freed, events go out after commit; reactivation restores login, not sessions', async () => {
    const victim = await t.signedIn('leaving-soon');
    const login = await t.signIn('leaving-soon');
    const refreshToken = String(login.body.refreshToken);
    const activeBefore = (await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE status = 'active'`))[0].n;
    events.length = 0;

    const res = await t.asAdmin('post', `/api/v1/admin/users/${victim.id}/deactivate`).send({ reason: 'left the company' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'deactivated', deactivatedByAdmin: true });
    expect((await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${victim.token}`)).body.error.code).toMatch(/AUTH_SESSION_REVOKED|AUTH_ACCOUNT_DEACTIVATED/);
    expect((await t.http().post('/api/v1/auth/refresh').send({ refreshToken })).status).toBe(401);
    expect((await t.signIn('leaving-soon')).body.error).toMatchObject({ code: 'AUTH_ACCOUNT_DEACTIVATED' });
    expect((await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE status = 'active'`))[0].n).toBe(activeBefore - 1);
    expect(events).toEqual(expect.arrayContaining([{ type: 'user.deactivated', userId: victim.id }, expect.objectContaining({ type: 'sessions.revoked', userId: victim.id })]));
    const [audit] = (await t.auditRows('user.deactivated')).filter((r) => r.target_id === victim.id);
    expect(audit).toMatchObject({ outcome: 'success', before: { status: 'active' }, after: { status: 'deactivated' }, details: { reason: 'left the company', sessionsRevoked: 2 } });

    expect((await t.asAdmin('post', `/api/v1/admin/users/${victim.id}/deactivate`).send({})).body.error.code).toBe('ADMIN_USER_ALREADY_DEACTIVATED');
    // Directory sync cannot undo an administrator's deactivation.
    await expect(t.app.get(UserLifecycleService, { strict: false }).reactivateFromSync(SYSTEM_ACTOR, victim.id)).rejects.toMatchObject({ code: 'ACCOUNT_DEACTIVATED_BY_ADMIN' });

    const back = await t.asAdmin('post', `/api/v1/admin/users/${victim.id}/reactivate`).send();
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'active', deactivatedByAdmin: false });
    expect((await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${victim.token}`)).body.error.code).toBe('AUTH_SESSION_REVOKED');
    expect((await t.signIn('leaving-soon')).status).toBe(200);
    expect((await t.asAdmin('post', `/api/v1/admin/users/${victim.id}/reactivate`).send()).body.error.code).toBe('ADMIN_USER_NOT_DEACTIVATED');
  });

  it('will not deactivate or erase yourself, nor the last system administrator', async () => {
    expect((await t.asAdmin('post', `/api/v1/admin/users/${t.admin.id}/deactivate`).send({})).body.error.code).toBe('ADMIN_CANNOT_TARGET_SELF');
    const manager = await t.signedIn('user-mgr', { roles: ['user_manager'] });
    const res = await t.http().post(`/api/v1/admin/users/${t.admin.id}/deactivate`).set('Authorization', `Bearer ${manager.token}`).send({});
    expect(res.body.error.code).toMatch(/ADMIN_LAST_SYSTEM_ADMIN|FORBIDDEN|AUTHZ_ESCALATION/);
  });

  it('erases on request: reason required, account pseudonymised, sign-in gone, messages kept under the pseudonym', async () => {
    const subject = await t.signedIn('to-be-erased', { displayName: '赵六' });
    expect((await t.asAdmin('delete', `/api/v1/admin/users/${subject.id}`).send({})).body.error.code).toBe('ERASURE_REASON_REQUIRED');
    expect((await t.asAdmin('delete', `/api/v1/admin/users/${subject.id}`).send({ reason: '   ' })).body.error.code).toBe('ERASURE_REASON_REQUIRED');
    const res = await t.asAdmin('delete', `/api/v1/admin/users/${subject.id}`).send({ reason: 'GDPR art. 17 request #42' });
    expect(res.status).toBe(200);
    expect(res.body.username).toMatch(/^deleted-user-[0-9a-f]{8}$/);
    expect(res.body).toMatchObject({ displayName: res.body.username, email: null, status: 'deactivated', roles: [], groups: [] });
    expect(res.body.erasedAt).not.toBeNull();
    expect((await t.signIn('to-be-erased')).status).toBe(401);
    expect((await t.query(`SELECT 1 FROM user_credential WHERE user_id = $1`, [subject.id])).length).toBe(0);
    const [audit] = (await t.auditRows('user.erased')).filter((r) => r.target_id === subject.id && r.outcome === 'success');
    expect(audit.details).toMatchObject({ reason: 'GDPR art. 17 request #42' });
    expect(audit.before).toMatchObject({ username: 'to-be-erased' });
    expect(JSON.stringify(audit)).not.toContain('赵六');
    expect((await t.asAdmin('patch', `/api/v1/admin/users/${subject.id}`).send({ displayName: 'back' })).body.error.code).toBe('ADMIN_USER_ERASED');
    expect(((await t.asAdmin('get', '/api/v1/admin/users').query({ status: 'erased' })).body.items as Array<{ id: string }>).map((u) => u.id)).toContain(subject.id);
  });

  it('resets a password (generated, shown once, never audited), ends sessions and forces a change', async () => {
    const user = await t.signedIn('forgetful');
    const res = await t.asAdmin('post', `/api/v1/admin/users/${user.id}/password-reset`).send({});
    expect(res.status).toBe(200);
    const temporary = String(res.body.temporaryPassword);
    expect(temporary.length).toBeGreaterThanOrEqual(20);
    expect(res.body.sessionsRevoked).toBe(1);
    expect((await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${user.token}`)).body.error.code).toBe('AUTH_SESSION_REVOKED');
    expect((await t.signIn('forgetful', ADMIN_TEST_PASSWORD)).status).toBe(401);
    const login = await t.signIn('forgetful', temporary);
    expect(login.body.passwordChangeRequired).toBe(true);
    expect(JSON.stringify(await t.auditRows())).not.toContain(temporary);
    const chosen = await t.asAdmin('post', `/api/v1/admin/users/${user.id}/password-reset`).send({ password: 'short' });
    expect(chosen.body.error.code).toBe('PASSWORD_TOO_SHORT');
  });

  it('resets MFA and signs a user out everywhere', async () => {
    const user = await t.signedIn('two-devices');
    await t.signIn('two-devices');
    await t.query(`INSERT INTO user_totp (user_id, secret_ciphertext, created_at, enabled_at) VALUES ($1, 'x', now(), now())`, [user.id]);
    expect((await t.asAdmin('get', `/api/v1/admin/users/${user.id}`)).body.mfaEnabled).toBe(true);
    expect((await t.asAdmin('post', `/api/v1/admin/users/${user.id}/mfa-reset`).send()).status).toBe(204);
    expect((await t.asAdmin('get', `/api/v1/admin/users/${user.id}`)).body.mfaEnabled).toBe(false);
    expect((await t.asAdmin('post', `/api/v1/admin/users/${user.id}/mfa-reset`).send()).body.error.code).toBe('ADMIN_MFA_NOT_ENABLED');
    const out = await t.asAdmin('delete', `/api/v1/admin/users/${user.id}/sessions`).send();
    expect(out.status).toBe(200);
    expect(out.body.sessionsRevoked).toBe(2);
    expect((await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${user.token}`)).body.error.code).toBe('AUTH_SESSION_REVOKED');
    expect((await t.auditRows('user.sessions.revoked')).filter((r) => r.target_id === user.id)).toHaveLength(1);
  });
});
