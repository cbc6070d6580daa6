import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createIdentityTestApp, uniqueIp, type IdentityTestApp } from './support/identity-test-app.js';

const PASSWORD = 'meadow-lantern-62-brightly';
const NEW_PASSWORD = 'quiet-harbour-seventy-three';

describe('identity: own profile and password', () => {
  let t: IdentityTestApp;
  let userId: string;

  beforeAll(async () => {
    t = await createIdentityTestApp({ env: { PASSWORD_MIN_LENGTH: '12' } });
    userId = (await t.createUser({ username: 'wei', password: PASSWORD, displayName: 'Wei' })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const signIn = async (password = PASSWORD): Promise<string> => {
    const res = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', uniqueIp()).send({ username: 'wei', password });
    expect(res.status).toBe(200);
    return res.body.accessToken as string;
  };

  it('returns the signed-in user through the mapper, without internals', async () => {
    const token = await signIn();
    const res = await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(
      ['createdAt', 'displayName', 'email', 'id', 'locale', 'mfaEnabled', 'roles', 'status', 'timeZone', 'updatedAt', 'username'].sort(),
    );
    expect(res.body).toMatchObject({ id: userId, username: 'wei', locale: 'en', timeZone: 'UTC', email: null });
  });

  it('updates the profile (Chinese display name, locale, time zone, email) and audits before/after', async () => {
    const token = await signIn();
    const res = await t
      .http()
      .patch('/api/v1/users/me')
      .set('Authorization', `Bearer ${token}`)
      .send({ displayName: '  王伟  ', locale: 'zh-cn', timeZone: 'Asia/Shanghai', email: 'wei@example.com' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: '王伟', locale: 'zh-CN', timeZone: 'Asia/Shanghai', email: 'wei@example.com' });
    const [audit] = await t.auditRows('user.updated');
    expect(audit).toMatchObject({
      outcome: 'success',
      target_id: userId,
      before: { displayName: 'Wei', locale: 'en', timeZone: 'UTC', email: null },
      after: { displayName: '王伟', locale: 'zh-CN', timeZone: 'Asia/Shanghai', email: 'wei@example.com' },
    });
    const cleared = await t.http().patch('/api/v1/users/me').set('Authorization', `Bearer ${token}`).send({ email: null });
    expect(cleared.body.email).toBeNull();
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }],
    [{ timeZone: '+08:00' }],
    [{ locale: 'not a locale' }],
    [{ displayName: '' }],
    [{ displayName: 'x'.repeat(65) }],
    [{ displayName: 'evil\u202Etxt.exe' }],
    [{ email: 'not-an-email' }],
    [{ username: 'renamed' }],
  ])('refuses the invalid profile change %j with 400', async (body) => {
    const token = await signIn();
    const res = await t.http().patch('/api/v1/users/me').set('Authorization', `Bearer ${token}`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['too short', 'short-pw', 'PASSWORD_TOO_SHORT'],
    ['too long', 'x'.repeat(257), 'PASSWORD_TOO_LONG'],
    ['on the breached list', 'Password123!', 'PASSWORD_TOO_COMMON'],
    ['a Chinese favourite', 'woaini1314520', 'PASSWORD_TOO_COMMON'],
  ])('refuses a new password that is %s', async (_label, newPassword, code) => {
    const token = await signIn();
    const res = await t.http().post('/api/v1/users/me/password').set('Authorization', `Bearer ${token}`).send({ currentPassword: PASSWORD, newPassword });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(JSON.stringify(res.body)).not.toContain(newPassword);
  });

  it('refuses a wrong current password, counting it toward the lockout and auditing it', async () => {
    const token = await signIn();
    const res = await t
      .http()
      .post('/api/v1/users/me/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: 'not-my-password-x', newPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('PASSWORD_INCORRECT');
    const [cred] = await t.query<{ failed_login_count: number }>(`SELECT failed_login_count FROM user_credential WHERE user_id = $1`, [userId]);
    expect(cred.failed_login_count).toBe(1);
    expect((await t.auditRows('user.password.changed')).at(-1)).toMatchObject({ outcome: 'failure', details: { reason: 'wrong_current_password' } });
  });

  it('changes the password, ends the other sessions but keeps this one', async () => {
    const other = await signIn();
    const current = await signIn();
    const res = await t.http().post('/api/v1/users/me/password').set('Authorization', `Bearer ${current}`).send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(204);
    expect((await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${other}`)).body.error.code).toBe('AUTH_SESSION_REVOKED');
    expect((await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${current}`)).status).toBe(200);
    const old = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', uniqueIp()).send({ username: 'wei', password: PASSWORD });
    expect(old.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    await signIn(NEW_PASSWORD);
    const audit = (await t.auditRows('user.password.changed')).at(-1);
    expect(audit).toMatchObject({ outcome: 'success', target_id: userId });
    expect((audit!.details as { sessionsRevoked: number }).sessionsRevoked).toBeGreaterThanOrEqual(1);
  });

  it('creates users with case-insensitively unique usernames', async () => {
    await expect(t.createUser({ username: 'WEI', password: 'another-long-password-1' })).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
    await expect(t.createUser({ username: '张伟', password: 'another-long-password-1' })).rejects.toMatchObject({ code: 'USERNAME_INVALID' });
    const created = await t.auditRows('user.created');
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
  });
});
