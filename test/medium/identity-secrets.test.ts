import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger, LoggerModule } from 'nestjs-pino';
import { loadConfig, loggerOptions } from '@enclave/core';
import { totpCodeAt } from '@enclave/identity';
import { createIdentityTestApp, uniqueIp, type IdentityTestApp } from './support/identity-test-app.js';

const PASSWORD = 'Canary-Password-7f3a9-never-logged';
const WRONG_PASSWORD = 'Canary-Wrong-Guess-2b8e1-never-logged';
const NEW_PASSWORD = 'Canary-New-Password-c41d7-never-logged';

/**
 * Drives every secret-bearing flow with the production logger at trace level, then searches
 * everything the server wrote (logs, stdout/stderr, console, audit rows, error bodies) for
 * the secrets it handled.
 */
describe('identity: secrets never reach logs, audit records or error bodies', () => {
  let t: IdentityTestApp;
  const logLines: string[] = [];
  const captured: string[] = [];
  const restore: Array<() => void> = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'trace' });
    const { pinoHttp } = loggerOptions(config);
    t = await createIdentityTestApp({
      env: { LOG_LEVEL: 'trace' },
      imports: [LoggerModule.forRoot({ pinoHttp: [{ ...(pinoHttp as object), level: 'trace' }, sink] })],
    });
    t.app.useLogger(t.app.get(Logger));
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        captured.push(String(chunk));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      });
      restore.push(() => (stream.write = original));
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level].bind(console);
      console[level] = (...args: unknown[]) => {
        captured.push(args.map(String).join(' '));
      };
      restore.push(() => (console[level] = original));
    }
  });
  afterAll(async () => {
    for (const undo of restore) undo();
    await t?.close();
  });

  it('login, refresh, MFA and password change leave no secret behind', async () => {
    await t.createUser({ username: 'canary', password: PASSWORD });
    const secrets: string[] = [PASSWORD, WRONG_PASSWORD, NEW_PASSWORD];
    const bodies: unknown[] = [];
    const post = async (path: string, body: unknown, token?: string) => {
      const req = t.http().post(path).set('X-Forwarded-For', uniqueIp()).set('User-Agent', 'canary-agent');
      const res = await (token ? req.set('Authorization', `Bearer ${token}`) : req).send(body as object);
      if (res.status >= 400) bodies.push(res.body);
      return res;
    };

    expect((await post('/api/v1/auth/login', { username: 'canary', password: WRONG_PASSWORD })).status).toBe(401);
    expect((await post('/api/v1/auth/login', { username: 'canary', password: PASSWORD, extra: PASSWORD })).status).toBe(400);
    const signedIn = await post('/api/v1/auth/login', { username: 'canary', password: PASSWORD });
    expect(signedIn.status).toBe(200);
    const refreshed = await post('/api/v1/auth/refresh', { refreshToken: signedIn.body.refreshToken });
    expect(refreshed.status).toBe(200);
    const token = refreshed.body.accessToken as string;
    secrets.push(signedIn.body.refreshToken, refreshed.body.refreshToken, signedIn.body.accessToken, token);
    expect((await post('/api/v1/auth/refresh', { refreshToken: signedIn.body.refreshToken })).status).toBe(401); // reuse

    const relogin = await post('/api/v1/auth/login', { username: 'canary', password: PASSWORD });
    const access = relogin.body.accessToken as string;
    secrets.push(relogin.body.refreshToken, access);
    const enrol = await post('/api/v1/users/me/mfa/totp/enrol', {}, access);
    const totpSecret = enrol.body.secret as string;
    const codes = (await post('/api/v1/users/me/mfa/totp/verify', { totp: await totpCodeAt(totpSecret, t.clock.nowMs()) }, access)).body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    secrets.push(totpSecret, ...codes);
    t.clock.advance(30_000);
    expect((await post('/api/v1/auth/login', { username: 'canary', password: PASSWORD, totp: codes[0] })).status).toBe(200);
    expect((await post('/api/v1/auth/login', { username: 'canary', password: PASSWORD, recoveryCode: codes[0] })).status).toBe(401);

    expect((await post('/api/v1/users/me/password', { currentPassword: WRONG_PASSWORD, newPassword: NEW_PASSWORD }, access)).status).toBe(400);
    expect((await post('/api/v1/users/me/password', { currentPassword: PASSWORD, newPassword: 'short' }, access)).status).toBe(400);
    expect((await post('/api/v1/users/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, access)).status).toBe(204);

    const auditText = (await t.query<{ row: string }>(`SELECT row_to_json(a)::text AS row FROM audit_event a`)).map((r) => r.row).join('\n');
    const logText = logLines.join('');
    // The capture really saw the requests, so an empty haystack cannot pass by accident.
    expect(logText).toContain('/api/v1/auth/login');
    expect(auditText).toContain('auth.login.failed');
    const haystacks = { logs: logText, output: captured.join(''), audit: auditText, errors: JSON.stringify(bodies) };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of secrets) {
        if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 6)}…) appeared in ${where}`);
      }
      for (const code of codes) expect(text).not.toContain(code.replace('-', ''));
    }
  });
});
