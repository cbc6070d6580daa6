import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createIdentityTestApp, uniqueIp, type IdentityTestApp } from './support/identity-test-app.js';

const PASSWORD = 'lantern-orchid-47-quietly';
const MAX_FAILURES = 3;
const LOCKOUT_SECONDS = 600;

describe('identity: local login, lockout and throttling', () => {
  let t: IdentityTestApp;

  beforeAll(async () => {
    t = await createIdentityTestApp({
      env: { LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS), LOGIN_IP_MAX_ATTEMPTS: '4', LOGIN_IP_WINDOW_SECONDS: '120' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (body: Record<string, unknown>, ip = uniqueIp()) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).set('User-Agent', 'medium-test/1.0').send(body);

  it('signs in with the right password and returns tokens and the user', async () => {
    const user = await t.createUser({ username: 'alice', password: PASSWORD, displayName: '爱丽丝', email: 'alice@example.com' });
    const res = await login({ username: 'Alice', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'passwordChangeRequired', 'refreshToken', 'user']);
    expect(res.body.passwordChangeRequired).toBe(false);
    expect(res.body.expiresIn).toBe(t.config.auth.accessTokenTtlSeconds);
    expect(res.body.user).toMatchObject({ id: user.id, username: 'alice', displayName: '爱丽丝', mfaEnabled: false, roles: [], status: 'active' });

    const me = await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);

    const [audit] = await t.auditRows('auth.login.succeeded');
    expect(audit).toMatchObject({ outcome: 'success', actor_user_id: user.id, target_id: user.id });
    expect(audit.actor_session_id).toBeTruthy();
  });

  it('gives unknown usernames and wrong passwords the same 401, and audits both', async () => {
    await t.createUser({ username: 'bob', password: PASSWORD });
    const unknown = await login({ username: 'nobody-here', password: PASSWORD });
    const wrong = await login({ username: 'bob', password: 'not-the-password-at-all' });
    for (const res of [unknown, wrong]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    const failed = await t.auditRows('auth.login.failed');
    expect(failed.map((r) => r.details?.reason)).toEqual(expect.arrayContaining(['unknown_user', 'bad_password']));
    expect(failed.find((r) => r.details?.reason === 'unknown_user')).toMatchObject({ outcome: 'failure', target_id: null });
  });

  it('locks the account after N failures, answers 423 with Retry-After, and unlocks when the time has passed', async () => {
    const user = await t.createUser({ username: 'carol', password: PASSWORD });
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect((await login({ username: 'carol', password: `wrong-${i}-xxxxxxxx` })).body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const locking = await login({ username: 'carol', password: 'wrong-final-xxxxxxx' });
    expect(locking.status).toBe(423);
    expect(locking.body.error.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(Number(locking.headers['retry-after'])).toBe(LOCKOUT_SECONDS);

    const whileLocked = await login({ username: 'carol', password: PASSWORD });
    expect(whileLocked.status).toBe(423);
    expect(whileLocked.body.error.code).toBe('AUTH_ACCOUNT_LOCKED');

    const lockedOut = (await t.auditRows('auth.login.locked_out')).filter((r) => r.target_id === user.id);
    expect(lockedOut).toHaveLength(1);
    expect(lockedOut[0].details).toMatchObject({ failedAttempts: MAX_FAILURES });

    t.clock.advance(LOCKOUT_SECONDS * 1000 + 1000);
    const after = await login({ username: 'carol', password: PASSWORD });
    expect(after.status).toBe(200);
    const [cred] = await t.query<{ failed_login_count: number; locked_until: Date | null }>(
      `SELECT failed_login_count, locked_until FROM user_credential WHERE user_id = $1`,
      [user.id],
    );
    expect(cred).toEqual({ failed_login_count: 0, locked_until: null });
  });

  it('counts concurrent failures exactly (atomic counter) and locks at the threshold', async () => {
    const user = await t.createUser({ username: 'dave', password: PASSWORD });
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => login({ username: 'dave', password: `parallel-wrong-${i}-xx` })));
    expect(results.every((r) => r.status === 401 || r.status === 423)).toBe(true);
    const [cred] = await t.query<{ failed_login_count: number; locked_until: Date | null }>(
      `SELECT failed_login_count, locked_until FROM user_credential WHERE user_id = $1`,
      [user.id],
    );
    expect(cred.failed_login_count).toBe(5);
    expect(cred.locked_until).not.toBeNull();
    expect((await t.auditRows('auth.login.locked_out')).filter((r) => r.target_id === user.id)).toHaveLength(1);
    // The right password is refused while locked.
    expect((await login({ username: 'dave', password: PASSWORD })).status).toBe(423);
  });

  it('throttles an address after too many failures with 429 AUTH_THROTTLED and Retry-After, audited once', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 4; i++) {
      expect((await login({ username: `ghost${i}`, password: 'whatever-password' }, ip)).status).toBe(401);
    }
    const throttled = await login({ username: 'alice', password: PASSWORD }, ip);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('AUTH_THROTTLED');
    const retryAfter = Number(throttled.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect((await login({ username: 'alice', password: PASSWORD }, ip)).status).toBe(429);
    // Another address is unaffected.
    expect((await login({ username: 'alice', password: PASSWORD })).status).toBe(200);
    const audited = (await t.auditRows('auth.login.throttled')).filter((r) => r.actor_ip === ip);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ outcome: 'failure' });
  });

  it('refuses deactivated accounts only after a correct password', async () => {
    const user = await t.createUser({ username: 'erin', password: PASSWORD });
    await t.query(`UPDATE app_user SET status = 'deactivated' WHERE id = $1`, [user.id]);
    expect((await login({ username: 'erin', password: 'wrong-password-123' })).body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const res = await login({ username: 'erin', password: PASSWORD });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH_ACCOUNT_DEACTIVATED');
  });

  it('validates the body at the edge: missing fields, unknown fields, oversized input', async () => {
    const missing = await login({ username: 'alice' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    const extra = await login({ username: 'alice', password: PASSWORD, admin: true });
    expect(extra.status).toBe(400);
    const huge = await login({ username: 'alice', password: 'x'.repeat(5000) });
    expect(huge.status).toBe(400);
    expect(JSON.stringify(huge.body)).not.toContain('xxxxxxxxxx');
  });
});
