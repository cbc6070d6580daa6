import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { totpCodeAt } from '@enclave/identity';
import { createIdentityTestApp, uniqueIp, type IdentityTestApp } from './support/identity-test-app.js';

const PASSWORD = 'harbour-copper-19-gently';
const STEP_MS = 30_000;

describe('identity: TOTP MFA and recovery codes', () => {
  let t: IdentityTestApp;
  let userId: string;
  let accessToken: string;
  let secret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    t = await createIdentityTestApp({ env: { LOGIN_MAX_FAILURES: '10' } });
    userId = (await t.createUser({ username: 'mia', password: PASSWORD })).id;
    accessToken = (await login({})).body.accessToken as string;
  });
  afterAll(async () => {
    await t?.close();
  });

  function login(extra: Record<string, unknown>) {
    return t.http().post('/api/v1/auth/login').set('X-Forwarded-For', uniqueIp()).send({ username: 'mia', password: PASSWORD, ...extra });
  }
  const authed = (method: 'post' | 'get', path: string) => t.http()[method](path).set('Authorization', `Bearer ${accessToken}`);
  const code = () => totpCodeAt(secret, t.clock.nowMs());
  const nextStep = () => t.clock.advance(STEP_MS);

  it('enrols: returns a secret and otpauth URI, stores the secret encrypted', async () => {
    const res = await authed('post', '/api/v1/users/me/mfa/totp/enrol');
    expect(res.status).toBe(200);
    secret = res.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(res.body.otpauthUri as string);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Enclave');

    const [row] = await t.query<{ secret_ciphertext: string; enabled_at: Date | null }>(`SELECT secret_ciphertext, enabled_at FROM user_totp WHERE user_id = $1`, [userId]);
    expect(row.enabled_at).toBeNull();
    expect(row.secret_ciphertext).not.toContain(secret);
    expect(row.secret_ciphertext).toMatch(/^v1\./);
    // Not enabled yet: login still needs no code.
    expect((await login({})).status).toBe(200);
    expect((await t.auditRows('mfa.enrolment.started')).at(-1)).toMatchObject({ outcome: 'success', target_id: userId });
  });

  it('confirms with a code: a wrong one is refused, the right one enables MFA and returns 10 recovery codes once', async () => {
    const wrong = await authed('post', '/api/v1/users/me/mfa/totp/verify').send({ totp: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('MFA_CODE_INVALID');

    const res = await authed('post', '/api/v1/users/me/mfa/totp/verify').send({ totp: await code() });
    expect(res.status).toBe(200);
    recoveryCodes = res.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await t.query<{ code_hash: Buffer }>(`SELECT code_hash FROM mfa_recovery_code WHERE user_id = $1`, [userId]);
    expect(stored).toHaveLength(10);
    const storedText = stored.map((r) => r.code_hash.toString('hex') + r.code_hash.toString('latin1')).join();
    for (const c of recoveryCodes) expect(storedText).not.toContain(c.replace('-', ''));

    const me = await authed('get', '/api/v1/users/me');
    expect(me.body.mfaEnabled).toBe(true);
    const again = await authed('post', '/api/v1/users/me/mfa/totp/enrol');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MFA_ALREADY_ENABLED');
    expect((await t.auditRows('mfa.enabled')).filter((r) => r.outcome === 'success')).toHaveLength(1);
  });

  it('asks for the second factor at login: AUTH_MFA_REQUIRED, then AUTH_MFA_INVALID for a wrong code (counted)', async () => {
    nextStep();
    const required = await login({});
    expect(required.status).toBe(401);
    expect(required.body.error.code).toBe('AUTH_MFA_REQUIRED');
    const invalid = await login({ totp: '000000' });
    expect(invalid.status).toBe(401);
    expect(invalid.body.error.code).toBe('AUTH_MFA_INVALID');
    const [cred] = await t.query<{ failed_login_count: number }>(`SELECT failed_login_count FROM user_credential WHERE user_id = $1`, [userId]);
    expect(cred.failed_login_count).toBe(1);
    const reasons = (await t.auditRows('auth.login.failed')).map((r) => r.details?.reason);
    expect(reasons).toEqual(expect.arrayContaining(['mfa_required', 'mfa_invalid']));
  });

  it('signs in with a current TOTP code, and refuses the same code again (replay)', async () => {
    nextStep();
    const current = await code();
    const ok = await login({ totp: current });
    expect(ok.status).toBe(200);
    expect(ok.body.user.mfaEnabled).toBe(true);
    const replay = await login({ totp: current });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('AUTH_MFA_INVALID');
    const [session] = await t.query<{ mfa: boolean }>(`SELECT mfa FROM user_session WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`, [userId]);
    expect(session.mfa).toBe(true);
  });

  it('accepts a recovery code in the totp field once, and a second one in the recoveryCode field', async () => {
    const [first, second] = recoveryCodes as [string, string];
    const ok = await login({ totp: first.toUpperCase() });
    expect(ok.status).toBe(200);
    const reused = await login({ totp: first });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('AUTH_MFA_INVALID');
    expect((await login({ recoveryCode: second })).status).toBe(200);
    const used = (await t.auditRows('mfa.recovery_code.used')).filter((r) => r.target_id === userId);
    expect(used).toHaveLength(2);
    expect(used[1].details).toMatchObject({ remaining: 8 });
  });

  it('regenerates recovery codes with a current code: the old ones stop working', async () => {
    nextStep();
    const res = await authed('post', '/api/v1/users/me/mfa/recovery-codes').send({ totp: await code() });
    expect(res.status).toBe(200);
    expect(res.body.recoveryCodes).toHaveLength(10);
    expect((await login({ recoveryCode: recoveryCodes[2] })).body.error.code).toBe('AUTH_MFA_INVALID');
    expect((await login({ recoveryCode: res.body.recoveryCodes[0] })).status).toBe(200);
    expect(await t.auditRows('mfa.recovery_codes.regenerated')).toHaveLength(1);
  });

  it('disables MFA only with the password or a code; then login needs no code', async () => {
    const none = await authed('post', '/api/v1/users/me/mfa/totp/disable').send({});
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('REAUTH_REQUIRED');
    const wrong = await authed('post', '/api/v1/users/me/mfa/totp/disable').send({ password: 'definitely-not-it' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('PASSWORD_INCORRECT');
    const ok = await authed('post', '/api/v1/users/me/mfa/totp/disable').send({ password: PASSWORD });
    expect(ok.status).toBe(204);
    expect((await login({})).status).toBe(200);
    expect(await t.query(`SELECT 1 FROM user_totp WHERE user_id = $1 UNION ALL SELECT 1 FROM mfa_recovery_code WHERE user_id = $1`, [userId])).toHaveLength(0);
    const disabled = await t.auditRows('mfa.disabled');
    expect(disabled.map((r) => r.outcome)).toEqual(['failure', 'success']);
    const again = await authed('post', '/api/v1/users/me/mfa/totp/disable').send({ password: PASSWORD });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MFA_NOT_ENABLED');
  });

  it('never returns MFA secrets or recovery codes from user or session endpoints', async () => {
    const me = await authed('get', '/api/v1/users/me');
    const sessions = await authed('get', '/api/v1/users/me/sessions');
    const text = JSON.stringify([me.body, sessions.body]);
    expect(text).not.toContain(secret);
    for (const c of recoveryCodes) expect(text).not.toContain(c);
  });
});
