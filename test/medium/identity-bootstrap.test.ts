import { afterEach, describe, expect, it } from '@jest/globals';
import { BootstrapAdminService, UsersService } from '@enclave/identity';
import { createIdentityTestApp, uniqueIp, type IdentityTestApp } from './support/identity-test-app.js';

describe('identity: bootstrap administrator', () => {
  let t: IdentityTestApp | undefined;

  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const login = (app: IdentityTestApp, password: string) =>
    app.http().post('/api/v1/auth/login').set('X-Forwarded-For', uniqueIp()).send({ username: 'admin', password });

  it('creates admin once with a generated password, race-safe, audited without the password', async () => {
    t = await createIdentityTestApp();
    const bootstrap = t.app.get(BootstrapAdminService);
    // Two "nodes" starting together against one empty database.
    const results = await Promise.all([bootstrap.ensureAdmin(), bootstrap.ensureAdmin()]);
    const created = results.filter((r) => r.created);
    expect(created).toHaveLength(1);
    const { password } = created[0];
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await bootstrap.ensureAdmin()).toEqual({ created: false, username: 'admin' });
    expect(await t.query(`SELECT 1 FROM app_user`)).toHaveLength(1);

    const res = await login(t, password!);
    expect(res.status).toBe(200);
    expect(res.body.user.roles).toEqual(['system_admin']);
    expect(await t.app.get(UsersService).isSystemAdmin(res.body.user.id as string)).toBe(true);

    const audit = await t.auditRows('system.admin.bootstrapped');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'success', actor_system: true, details: { username: 'admin', passwordSource: 'generated' } });
    const everything = JSON.stringify(await t.auditRows());
    expect(everything).not.toContain(password);
  });

  it('uses ENCLAVE_ADMIN_PASSWORD when set and does not return it', async () => {
    const configured = 'configured-admin-secret-42';
    t = await createIdentityTestApp({ env: { ENCLAVE_ADMIN_PASSWORD: configured } });
    const result = await t.app.get(BootstrapAdminService).ensureAdmin();
    expect(result).toEqual({ created: true, username: 'admin' });
    expect((await login(t, configured)).status).toBe(200);
    const [audit] = await t.auditRows('system.admin.bootstrapped');
    expect(audit.details).toMatchObject({ passwordSource: 'ENCLAVE_ADMIN_PASSWORD' });
    expect(JSON.stringify(await t.auditRows())).not.toContain(configured);
  });

  it('refuses a configured password that breaks the policy, with one clear message', async () => {
    t = await createIdentityTestApp({ env: { ENCLAVE_ADMIN_PASSWORD: 'admin' } });
    await expect(t.app.get(BootstrapAdminService).ensureAdmin()).rejects.toThrow(/^ENCLAVE_ADMIN_PASSWORD is not acceptable: .*at least 12 characters/);
    expect(await t.query(`SELECT 1 FROM app_user`)).toHaveLength(0);
  });

  it('does nothing when users already exist', async () => {
    t = await createIdentityTestApp();
    await t.createUser({ username: 'someone', password: 'a-perfectly-fine-password' });
    expect(await t.app.get(BootstrapAdminService).ensureAdmin()).toEqual({ created: false, username: 'admin' });
    expect(await t.auditRows('system.admin.bootstrapped')).toHaveLength(0);
  });
});
