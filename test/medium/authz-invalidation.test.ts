import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '@enclave/core';
import { DatabaseModule, createDataSource } from '@enclave/database';
import { AuditModule } from '@enclave/audit';
import { AbilityService, RoleAssignmentService, SchemeService } from '@enclave/authz';
import { Permission } from '@enclave/contracts';
import { signedInWith, type Signed } from './support/authz-test-helpers.js';
import { createMessagingTestApp, type MessagingTestApp } from './support/messaging-test-app.js';

/** Waits for another node to hear a Redis message: checks again until true, up to a bound (never a timing assertion). */
async function eventually(check: () => Promise<boolean>, attempts = 200): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

describe('authz: cached abilities are invalidated on every node', () => {
  let t: MessagingTestApp;
  let nodeB: INestApplicationContext;
  let admin: Signed;
  let user: Signed;

  beforeAll(async () => {
    t = await createMessagingTestApp();
    admin = await signedInWith(t, 'inv-admin', ['system_admin']);
    user = await signedInWith(t, 'inv-user');
    // A second node: its own DataSource and Nest context, the same database and Redis prefix.
    const dataSource = createDataSource({ url: t.db.url, schema: 'public', poolSize: 2, entities: [], applicationName: 'enclave-node-b' });
    await dataSource.initialize();
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(t.config), DatabaseModule.forRoot(dataSource), AuditModule.forRoot({ runSealer: false }), (await import('@enclave/authz')).AuthzModule.forRoot()],
    }).compile();
    nodeB = await moduleRef.init();
  });
  afterAll(async () => {
    await nodeB?.close();
    await t?.close();
  });

  it('drops a user’s cached ability on the other node when their roles change', async () => {
    const onB = nodeB.get(AbilityService);
    expect((await onB.forActor(user.actor)).canExercise(Permission.AuditRead)).toBe(false);
    // Cached on B from here on; only the invalidation message can change it before the TTL.
    await t.app.get(RoleAssignmentService, { strict: false }).grantRoleToUsers(admin.actor, 'auditor', [user.id]);
    expect(await eventually(async () => (await onB.forActor(user.actor)).canExercise(Permission.AuditRead))).toBe(true);
    await t.app.get(RoleAssignmentService, { strict: false }).revokeRoleFromUser(admin.actor, 'auditor', user.id);
    expect(await eventually(async () => !(await onB.forActor(user.actor)).canExercise(Permission.AuditRead))).toBe(true);
  });

  it('drops cached abilities everywhere when a custom role changes, and schemes when a scheme changes', async () => {
    const onB = nodeB.get(AbilityService);
    await t.http().post('/api/v1/admin/roles').set('Authorization', `Bearer ${admin.token}`).send({ name: 'stats', displayName: 'Stats', permissions: [] });
    await t.app.get(RoleAssignmentService, { strict: false }).grantRoleToUsers(admin.actor, 'stats', [user.id]);
    expect(await eventually(async () => (await onB.forActor(user.actor)).roles.includes('stats'))).toBe(true);
    expect((await onB.forActor(user.actor)).canExercise(Permission.StatisticsRead)).toBe(false);
    await t.http().patch('/api/v1/admin/roles/stats').set('Authorization', `Bearer ${admin.token}`).send({ permissions: ['statistics.read'] });
    expect(await eventually(async () => (await onB.forActor(user.actor)).canExercise(Permission.StatisticsRead))).toBe(true);

    const channel = await t.svc.conversations.createChannel(admin.actor, { name: 'inv-channel', visibility: 'public' });
    const schemesB = nodeB.get(SchemeService);
    expect(await schemesB.grantsFor({ id: channel.id, kind: 'public_channel' }, 'member')).toContain(Permission.MessageCreate);
    await t.app.get(SchemeService, { strict: false }).updateForConversation(admin.actor, channel.id, { member: ['message.react'], channelAdmin: ['message.create'] });
    expect(await eventually(async () => !(await schemesB.grantsFor({ id: channel.id, kind: 'public_channel' }, 'member')).includes(Permission.MessageCreate))).toBe(true);
  });
});
