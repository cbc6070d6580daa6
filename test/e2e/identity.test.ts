import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestEnvironment, runServerToExit, startServer, type StartedServer } from './support/server-process.js';
import { api } from './support/http-client.js';

interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; username: string; displayName: string; roles: string[] };
}
interface ErrorResponse {
  error: { code: string; message: string; requestId: string };
}

function generatedAdminPassword(output: string): string | undefined {
  return /password: (\S+)/.exec(output)?.[1];
}

describe.each(['embedded', 'postgres'] as const)('identity over HTTP (%s database)', (mode) => {
  let env: TestEnvironment;
  let server: StartedServer | undefined;

  beforeAll(async () => {
    env = await TestEnvironment.create(mode);
  });
  afterAll(async () => {
    await server?.stop();
    await env.dispose();
  });

  it('creates the admin on first start, prints its password once, and keeps data across a restart', async () => {
    server = await startServer(env.serverEnv());
    const password = generatedAdminPassword(server.output());
    expect(password).toBeDefined();
    expect(server.output()).toContain('username: admin');

    const login = await api<TokenResponse>(server.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password } });
    expect(login.status).toBe(200);
    expect(login.body.user.roles).toContain('system_admin');
    expect(login.body.expiresIn).toBeGreaterThan(0);

    const renamed = await api(server.url, 'PATCH', '/api/v1/users/me', { token: login.body.accessToken, body: { displayName: '系统管理员', locale: 'zh-CN' } });
    expect(renamed.status).toBe(200);

    // Secrets never reach the logs: not the password, not the tokens.
    const logs = server.output().replace(`password: ${password}`, '');
    expect(logs).not.toContain(password!);
    expect(logs).not.toContain(login.body.accessToken);
    expect(logs).not.toContain(login.body.refreshToken);

    expect(await server.stop()).toBe(0);
    server = await startServer(env.serverEnv());
    expect(generatedAdminPassword(server.output())).toBeUndefined();
    const again = await api<TokenResponse>(server.url, 'POST', '/api/v1/auth/login', { body: { username: 'ADMIN', password } });
    expect(again.status).toBe(200);
    expect(again.body.user.displayName).toBe('系统管理员');
    const me = await api<{ locale: string }>(server.url, 'GET', '/api/v1/users/me', { token: again.body.accessToken });
    expect(me.body.locale).toBe('zh-CN');
  });

  it('rejects bad credentials and bad input with stable codes, never a 500', async () => {
    const url = server!.url;
    const wrong = await api<ErrorResponse>(url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const unknown = await api<ErrorResponse>(url, 'POST', '/api/v1/auth/login', { body: { username: 'nobody', password: 'not-the-password' } });
    expect(unknown.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');

    const cases: Array<[unknown, number, string]> = [
      [{ username: 'admin' }, 400, 'VALIDATION_FAILED'],
      [{ username: 42, password: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ username: 'admin', password: 'x', isAdmin: true }, 400, 'VALIDATION_FAILED'],
      [['admin', 'x'], 400, 'VALIDATION_FAILED'],
      [{ username: 'a'.repeat(5000), password: 'x' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await api<ErrorResponse>(url, 'POST', '/api/v1/auth/login', { body });
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status, code });
    }
    const noToken = await api<ErrorResponse>(url, 'GET', '/api/v1/users/me');
    expect(noToken.status).toBe(401);
    expect(noToken.body.error.code).toBe('UNAUTHENTICATED');
    const badToken = await api<ErrorResponse>(url, 'GET', '/api/v1/users/me', { token: 'not.a.jwt' });
    expect(badToken.status).toBe(401);
  });
});

describe('bootstrap admin from ENCLAVE_ADMIN_PASSWORD', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await TestEnvironment.create('postgres');
  });
  afterAll(async () => env.dispose());

  it('refuses a password that breaks the policy with one line', async () => {
    const result = await runServerToExit(env.serverEnv({ ENCLAVE_ADMIN_PASSWORD: 'short' }));
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('ENCLAVE_ADMIN_PASSWORD');
    expect(result.stderr + result.stdout).not.toContain('short\n');
  });

  it('uses the configured password, never printing it, and refresh/logout work end to end', async () => {
    const password = 'Correct-Horse-Battery-42';
    const server = await startServer(env.serverEnv({ ENCLAVE_ADMIN_PASSWORD: password }));
    try {
      expect(server.output()).not.toContain(password);
      const login = await api<TokenResponse>(server.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password } });
      expect(login.status).toBe(200);
      const refreshed = await api<TokenResponse>(server.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
      expect(refreshed.status).toBe(200);
      const reused = await api<ErrorResponse>(server.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
      expect(reused.status).toBe(401);
      expect(reused.body.error.code).toBe('AUTH_REFRESH_REUSED');
      // Reuse revoked the whole family: the refreshed session's access token is dead too.
      const me = await api<ErrorResponse>(server.url, 'GET', '/api/v1/users/me', { token: refreshed.body.accessToken });
      expect(me.status).toBe(401);

      const second = await api<TokenResponse>(server.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password } });
      expect((await api(server.url, 'POST', '/api/v1/auth/logout', { token: second.body.accessToken })).status).toBe(204);
      expect((await api(server.url, 'GET', '/api/v1/users/me', { token: second.body.accessToken })).status).toBe(401);
      expect(server.output()).not.toContain(password);
    } finally {
      await server.stop();
    }
  });
});
