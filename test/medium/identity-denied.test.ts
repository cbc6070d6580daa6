import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createIdentityTestApp, uniqueIp, type IdentityTestApp } from './support/identity-test-app.js';

const PASSWORD = 'granite-willow-88-softly';

describe('identity: denied requests are audited', () => {
  let t: IdentityTestApp;

  beforeAll(async () => {
    t = await createIdentityTestApp({ env: { ACCESS_TOKEN_TTL_SECONDS: '300' } });
    await t.createUser({ username: 'dana', password: PASSWORD });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a forged token as access.denied, once per address, reason and route per window', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 3; i++) {
      const res = await t.http().get('/api/v1/users/me').set('X-Forwarded-For', ip).set('Authorization', 'Bearer forged.token.value');
      expect(res.status).toBe(401);
    }
    const rows = (await t.auditRows('access.denied')).filter((r) => r.actor_ip === ip);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'denied', target_type: 'route', target_id: 'GET /api/v1/users/me', details: { code: 'UNAUTHENTICATED' } });
    expect(JSON.stringify(rows)).not.toContain('forged.token.value');
  });

  it('records a revoked session presenting its token, but not an expired token (clients refresh routinely)', async () => {
    const ip = uniqueIp();
    const login = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username: 'dana', password: PASSWORD });
    const token = login.body.accessToken as string;
    await t.http().post('/api/v1/auth/logout').set('X-Forwarded-For', ip).set('Authorization', `Bearer ${token}`).expect(204);
    const revoked = await t.http().get('/api/v1/users/me').set('X-Forwarded-For', ip).set('Authorization', `Bearer ${token}`);
    expect(revoked.status).toBe(401);
    const rows = (await t.auditRows('access.denied')).filter((r) => r.actor_ip === ip);
    expect(rows.map((r) => r.details?.code)).toEqual([revoked.body.error.code]);

    const ip2 = uniqueIp();
    const fresh = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip2).send({ username: 'dana', password: PASSWORD });
    t.clock.advance(301_000);
    const expired = await t.http().get('/api/v1/users/me').set('X-Forwarded-For', ip2).set('Authorization', `Bearer ${fresh.body.accessToken as string}`);
    expect(expired.body.error.code).toBe('AUTH_TOKEN_EXPIRED');
    expect((await t.auditRows('access.denied')).filter((r) => r.actor_ip === ip2)).toHaveLength(0);
  });
});
