import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createIdentityTestApp, uniqueIp, type IdentityTestApp } from './support/identity-test-app.js';

const PASSWORD = 'granite-willow-88-softly';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

describe('identity: sessions, refresh rotation, logout and the access-token guard', () => {
  let t: IdentityTestApp;
  let userId: string;

  beforeAll(async () => {
    t = await createIdentityTestApp({ env: { ACCESS_TOKEN_TTL_SECONDS: '300', REFRESH_TOKEN_TTL_SECONDS: '3600' } });
    userId = (await t.createUser({ username: 'sam', password: PASSWORD })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const signIn = async (userAgent = 'medium-test/1.0', ip = uniqueIp()): Promise<Tokens> => {
    const res = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).set('User-Agent', userAgent).send({ username: 'sam', password: PASSWORD });
    expect(res.status).toBe(200);
    return res.body as Tokens;
  };
  const refresh = (refreshToken: string) => t.http().post('/api/v1/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${accessToken}`);

  it('requires a token on every non-public route: 401 UNAUTHENTICATED without or with a bad one', async () => {
    const none = await t.http().get('/api/v1/users/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    const garbage = await me('not.a.token');
    expect(garbage.status).toBe(401);
    expect(garbage.body.error.code).toBe('UNAUTHENTICATED');
    const basic = await t.http().get('/api/v1/users/me').set('Authorization', 'Basic abc');
    expect(basic.status).toBe(401);
  });

  it('rotates refresh tokens: the new pair works, the access token expires with the clock', async () => {
    const first = await signIn();
    const res = await refresh(first.refreshToken);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'passwordChangeRequired', 'refreshToken', 'user']);
    expect(res.body.passwordChangeRequired).toBe(false);
    expect(res.body.refreshToken).not.toBe(first.refreshToken);
    expect((await me(res.body.accessToken)).status).toBe(200);
    expect((await t.auditRows('auth.token.refreshed')).length).toBeGreaterThanOrEqual(1);

    t.clock.advance(301_000);
    const expired = await me(res.body.accessToken);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('AUTH_TOKEN_EXPIRED');
    const renewed = await refresh(res.body.refreshToken);
    expect(renewed.status).toBe(200);
    expect((await me(renewed.body.accessToken)).status).toBe(200);
  });

  it('detects reuse of a rotated refresh token: the whole session is revoked and its access token rejected', async () => {
    const first = await signIn();
    const second = (await refresh(first.refreshToken)).body as Tokens;
    const reuse = await refresh(first.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('AUTH_REFRESH_REUSED');

    const revoked = await me(second.accessToken);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('AUTH_SESSION_REVOKED');
    const successor = await refresh(second.refreshToken);
    expect(successor.status).toBe(401);
    expect(successor.body.error.code).toBe('AUTH_REFRESH_INVALID');

    const [reuseAudit] = await t.auditRows('auth.refresh_reuse_detected');
    expect(reuseAudit).toMatchObject({ outcome: 'failure', target_type: 'session', actor_user_id: userId });
    const revokedAudit = (await t.auditRows('session.revoked')).find((r) => r.target_id === reuseAudit.target_id);
    expect(revokedAudit?.details).toMatchObject({ reason: 'refresh_reuse' });
  });

  it('rejects malformed and unknown refresh tokens with AUTH_REFRESH_INVALID', async () => {
    for (const token of ['garbage', `${'A'.repeat(22)}.${'B'.repeat(43)}`]) {
      const res = await refresh(token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH_REFRESH_INVALID');
    }
  });

  it('ends a session after the idle lifetime without a refresh', async () => {
    const tokens = await signIn();
    t.clock.advance(3601_000);
    const res = await refresh(tokens.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH_REFRESH_INVALID');
  });

  it('logs out: 204, then the access token and refresh token stop working', async () => {
    const tokens = await signIn();
    const out = await t.http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${tokens.accessToken}`);
    expect(out.status).toBe(204);
    expect((await me(tokens.accessToken)).body.error.code).toBe('AUTH_SESSION_REVOKED');
    expect((await refresh(tokens.refreshToken)).body.error.code).toBe('AUTH_REFRESH_INVALID');
    expect((await t.http().post('/api/v1/auth/logout')).status).toBe(401);
    const logouts = await t.auditRows('auth.logout');
    expect(logouts.at(-1)).toMatchObject({ outcome: 'success', actor_user_id: userId });
  });

  it('lists own sessions with the current one flagged, and revokes another one immediately', async () => {
    const laptopIp = uniqueIp();
    const laptop = await signIn('Laptop Browser', laptopIp);
    const phone = await signIn('Phone App');
    const list = await t.http().get('/api/v1/users/me/sessions').set('Authorization', `Bearer ${laptop.accessToken}`);
    expect(list.status).toBe(200);
    const items = list.body.items as Array<Record<string, unknown>>;
    const current = items.filter((s) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ userAgent: 'Laptop Browser', ip: laptopIp, mfa: false });
    expect(Object.keys(current[0]).sort()).toEqual(['createdAt', 'current', 'expiresAt', 'id', 'ip', 'lastUsedAt', 'mfa', 'userAgent']);
    const phoneSession = items.find((s) => s.userAgent === 'Phone App');
    expect(phoneSession).toBeDefined();

    const del = await t.http().delete(`/api/v1/users/me/sessions/${String(phoneSession!.id)}`).set('Authorization', `Bearer ${laptop.accessToken}`);
    expect(del.status).toBe(204);
    expect((await me(phone.accessToken)).body.error.code).toBe('AUTH_SESSION_REVOKED');
    expect((await me(laptop.accessToken)).status).toBe(200);
    const after = await t.http().get('/api/v1/users/me/sessions').set('Authorization', `Bearer ${laptop.accessToken}`);
    expect((after.body.items as Array<{ id: string }>).map((s) => s.id)).not.toContain(phoneSession!.id);

    const audit = (await t.auditRows('session.revoked')).find((r) => r.target_id === phoneSession!.id);
    expect(audit).toMatchObject({ outcome: 'success', actor_user_id: userId, details: { userId, reason: 'user_revoked' } });
  });

  it('answers 404 for sessions that are not yours or do not exist, 400 for a malformed id', async () => {
    const mallory = await t.createUser({ username: 'mallory', password: PASSWORD });
    const theirs = (
      await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', uniqueIp()).send({ username: 'mallory', password: PASSWORD })
    ).body as Tokens;
    const mine = await signIn();
    const [theirSession] = await t.query<{ id: string }>(`SELECT id FROM user_session WHERE user_id = $1`, [mallory.id]);
    const res = await t.http().delete(`/api/v1/users/me/sessions/${theirSession.id}`).set('Authorization', `Bearer ${mine.accessToken}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('SESSION_NOT_FOUND');
    expect((await me(theirs.accessToken)).status).toBe(200);
    const bad = await t.http().delete('/api/v1/users/me/sessions/not-a-uuid').set('Authorization', `Bearer ${mine.accessToken}`);
    expect(bad.status).toBe(400);
  });

  it('rejects tokens of a user deactivated after sign-in', async () => {
    const user = await t.createUser({ username: 'trent', password: PASSWORD });
    const tokens = (await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', uniqueIp()).send({ username: 'trent', password: PASSWORD })).body as Tokens;
    await t.query(`UPDATE app_user SET status = 'deactivated' WHERE id = $1`, [user.id]);
    const res = await me(tokens.accessToken);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH_ACCOUNT_DEACTIVATED');
  });
});
