/**
 * Account administration against started servers (the real wiring: authz, jobs in the server
 * process, SMTP): a CSV import applied through node A while node B reports its progress, and an
 * invitation mailed through a real SMTP server on 127.0.0.1 and accepted through node B.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api } from './support/http-client.js';
import { TestEnvironment, startServer, type StartedServer } from './support/server-process.js';
import { TestSmtpServer } from '../medium/support/test-smtp-server.js';

const ADMIN_PASSWORD = 'e2e-admin-password-orchard-17';

describe('account administration over HTTP on two nodes', () => {
  let env: TestEnvironment;
  let smtp: TestSmtpServer;
  const servers: StartedServer[] = [];
  let token: string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    env = await TestEnvironment.create('postgres');
    const serverEnv = env.serverEnv({ LOG_LEVEL: 'warn', ENCLAVE_ADMIN_PASSWORD: ADMIN_PASSWORD, SMTP_URL: smtp.url, PUBLIC_URL: 'http://enclave.test' });
    servers.push(await startServer(serverEnv));
    servers.push(await startServer(serverEnv));
    const login = await api<{ accessToken: string }>(servers[0].url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
    token = login.body.accessToken;
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await env?.dispose();
    await smtp?.close();
  });

  it('imports a CSV through the job on one node while another reports progress', async () => {
    const [a, b] = servers;
    await api(a.url, 'POST', '/api/v1/admin/groups', { token, body: { name: 'imported', displayName: '导入组' } });
    const rows = Array.from({ length: 300 }, (_, i) => `e2e-user-${i},e2e-${i}@example.com,用户${i},,imported`);
    const csv = ['username,email,display_name,roles,groups', ...rows, 'bad user,,,,'].join('\n');
    const upload = await api<{ id: string; dryRun: { create: number; errors: number } }>(a.url, 'POST', '/api/v1/admin/user-imports', {
      token,
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(upload.status).toBe(201);
    expect(upload.body.dryRun).toMatchObject({ create: 300, errors: 1 });
    expect((await api(a.url, 'POST', `/api/v1/admin/user-imports/${upload.body.id}/apply`, { token })).status).toBe(202);
    const seen: number[] = [];
    let status = '';
    for (let i = 0; i < 600 && status !== 'completed'; i++) {
      const res = await api<{ status: string; progress: { percent: number; created: number; errors: number } }>(b.url, 'GET', `/api/v1/admin/user-imports/${upload.body.id}`, { token });
      status = res.body.status;
      seen.push(res.body.progress.percent);
      if (status === 'completed') expect(res.body.progress).toMatchObject({ percent: 100, created: 300, errors: 1 });
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('completed');
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    const listed = await api<{ items: Array<{ username: string; groups: Array<{ name: string }> }> }>(b.url, 'GET', '/api/v1/admin/users?q=e2e-user-299', { token });
    expect(listed.body.items).toEqual([expect.objectContaining({ username: 'e2e-user-299', groups: [expect.objectContaining({ name: 'imported' })] })]);
  });

  it('mails an invitation from the server process and accepts it on the other node', async () => {
    const [a, b] = servers;
    const invited = await api(a.url, 'POST', '/api/v1/admin/invitations', { token, body: { email: 'new.hire@example.com', displayName: '新同事' } });
    expect(invited.status).toBe(201);
    const mail = await smtp.waitFor('new.hire@example.com');
    const inviteToken = /http:\/\/enclave\.test\/invite#token=([A-Za-z0-9._-]+)/.exec(mail.text)?.[1];
    expect(inviteToken).toBeDefined();
    const accepted = await api(b.url, 'POST', '/api/v1/invitations/accept', { body: { token: inviteToken, username: 'new.hire', password: 'fresh-start-maple-63' } });
    expect(accepted.status).toBe(201);
    const login = await api(b.url, 'POST', '/api/v1/auth/login', { body: { username: 'new.hire', password: 'fresh-start-maple-63' } });
    expect(login.status).toBe(200);
    for (const server of servers) expect(server.output()).not.toContain(inviteToken!);
  });

  it('serves the console statistics', async () => {
    const res = await api<{ users: { total: number; active: number }; activeUsersPerDay: unknown[] }>(servers[1].url, 'GET', '/api/v1/admin/statistics', { token });
    expect(res.status).toBe(200);
    expect(res.body.users.active).toBeGreaterThanOrEqual(302);
    expect(res.body.activeUsersPerDay).toHaveLength(30);
  });
});
