import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Permission } from '@enclave/contracts';
import { as, expectError, signedInWith, type Signed } from './support/authz-test-helpers.js';
import { createMessagingTestApp, type MessagingTestApp } from './support/messaging-test-app.js';

describe('authz: roles, grants and the denial audit (REST)', () => {
  let t: MessagingTestApp;
  let admin: Signed;
  let member: Signed;
  let manager: Signed;

  beforeAll(async () => {
    t = await createMessagingTestApp();
    admin = await signedInWith(t, 'root', ['system_admin']);
    member = await signedInWith(t, 'plain');
    manager = await signedInWith(t, 'people', ['user_manager']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the built-in roles with their permissions to those who may read roles', async () => {
    const res = await as(t, manager).get('/api/v1/admin/roles');
    expect(res.status).toBe(200);
    const names = (res.body as { items: Array<{ name: string; builtIn: boolean; permissions: string[] }> }).items;
    expect(names.filter((r) => r.builtIn).map((r) => r.name).sort()).toEqual(['auditor', 'compliance_officer', 'guest', 'member', 'system_admin', 'user_manager']);
    expect(names.find((r) => r.name === 'auditor')?.permissions).toEqual(['audit.export', 'audit.read']);
  });

  it('refuses members with 403 FORBIDDEN and records one access.denied per window, not one per request', async () => {
    for (let i = 0; i < 5; i++) expectError(await as(t, member).get('/api/v1/admin/roles'), 403, 'FORBIDDEN');
    const denied = (await t.auditRows('access.denied')).filter((r) => r.actor_user_id === member.id && r.target_id === 'GET /api/v1/admin/roles');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ outcome: 'denied', details: { code: 'FORBIDDEN', permission: 'role.read' } });
  });

  it('creates, changes and deletes a custom role, audited with before and after', async () => {
    const created = await as(t, admin).post('/api/v1/admin/roles', { name: 'support_lead', displayName: 'Support lead', permissions: ['user.read', 'group.read', 'user.read'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'support_lead', builtIn: false, permissions: ['group.read', 'user.read'], userCount: 0 });
    const changed = await as(t, admin).patch('/api/v1/admin/roles/support_lead', { permissions: ['user.read'], description: 'Looks people up' });
    expect(changed.body).toMatchObject({ permissions: ['user.read'], description: 'Looks people up' });
    const [createdAudit] = await t.auditRows('authz.role.created');
    expect(createdAudit).toMatchObject({ actor_user_id: admin.id, target_id: 'support_lead', after: { permissions: ['group.read', 'user.read'] } });
    const [updatedAudit] = await t.auditRows('authz.role.updated');
    expect(updatedAudit).toMatchObject({ before: { permissions: ['group.read', 'user.read'] }, after: { permissions: ['user.read'], description: 'Looks people up' } });
    expect((await as(t, admin).delete('/api/v1/admin/roles/support_lead')).status).toBe(204);
    expectError(await as(t, admin).get('/api/v1/admin/roles/support_lead'), 404, 'AUTHZ_ROLE_NOT_FOUND');
    expect((await t.auditRows('authz.role.deleted'))[0]).toMatchObject({ target_id: 'support_lead', before: { name: 'support_lead' } });
  });

  it('answers bad input with stable 4xx codes, never a 500', async () => {
    const admin_ = as(t, admin);
    expectError(await admin_.post('/api/v1/admin/roles', { name: 'Bad Name!', displayName: 'x', permissions: [] }), 400, 'AUTHZ_ROLE_NAME_INVALID');
    expectError(await admin_.post('/api/v1/admin/roles', { name: 'ok_name', displayName: 'x', permissions: ['message.fly'] }), 400, 'AUTHZ_UNKNOWN_PERMISSION');
    expectError(await admin_.post('/api/v1/admin/roles', { name: 'member', displayName: 'x', permissions: [] }), 409, 'AUTHZ_ROLE_EXISTS');
    expectError(await admin_.post('/api/v1/admin/roles', { name: 'x', displayName: 'x', permissions: 'user.read' }), 400, 'VALIDATION_FAILED');
    expectError(await admin_.patch('/api/v1/admin/roles/system_admin', { displayName: 'Root' }), 409, 'AUTHZ_SYSTEM_ROLE_IMMUTABLE');
    expectError(await admin_.delete('/api/v1/admin/roles/guest'), 409, 'AUTHZ_SYSTEM_ROLE_IMMUTABLE');
    expectError(await admin_.patch('/api/v1/admin/roles/nope', { displayName: 'x' }), 404, 'AUTHZ_ROLE_NOT_FOUND');
    expectError(await admin_.get(`/api/v1/admin/roles/${'x'.repeat(5000)}`), 404, 'AUTHZ_ROLE_NOT_FOUND');
    expectError(await admin_.post('/api/v1/admin/roles/nope/users', { userIds: [member.id] }), 404, 'AUTHZ_ROLE_NOT_FOUND');
    expectError(await admin_.post('/api/v1/admin/roles/auditor/users', { userIds: ['9f1d7c42-6a53-4e0b-8f3c-2b1a0d9e8c77'] }), 404, 'AUTHZ_USER_NOT_FOUND');
    expectError(await admin_.post('/api/v1/admin/roles/auditor/users', { userIds: ['not-a-uuid'] }), 400, 'VALIDATION_FAILED');
    expectError(await admin_.post('/api/v1/admin/roles/auditor/groups', { groupIds: ['9f1d7c42-6a53-4e0b-8f3c-2b1a0d9e8c77'] }), 404, 'AUTHZ_GROUP_NOT_FOUND');
  });

  it('applies a grant at once (the cached ability is invalidated) and audits it per user', async () => {
    const auditor = await signedInWith(t, 'watcher');
    // Cached now: the grant below must invalidate it, not wait for the TTL.
    expect((await as(t, auditor).get('/api/v1/authz/me')).body).toMatchObject({ roles: ['member'] });
    expectError(await as(t, auditor).get('/api/v1/admin/roles'), 403, 'FORBIDDEN');
    await as(t, admin).post('/api/v1/admin/roles', { name: 'role_reader', displayName: 'Role reader', permissions: ['role.read'] });
    expect((await as(t, admin).post('/api/v1/admin/roles/role_reader/users', { userIds: [auditor.id] })).status).toBe(204);
    expect((await as(t, auditor).get('/api/v1/admin/roles')).status).toBe(200);
    const me = await as(t, auditor).get('/api/v1/authz/me');
    expect(me.body).toMatchObject({ roles: ['member', 'role_reader'], guest: false });
    const changes = (await t.auditRows('authz.user_roles.changed')).filter((r) => r.target_id === auditor.id);
    expect(changes.at(-1)).toMatchObject({ before: { roles: [] }, after: { roles: ['role_reader'] }, details: { added: ['role_reader'], removed: [] } });
    expect((await as(t, admin).delete(`/api/v1/admin/roles/role_reader/users/${auditor.id}`)).status).toBe(204);
    expectError(await as(t, auditor).get('/api/v1/admin/roles'), 403, 'FORBIDDEN');
  });

  it('never lets anyone grant, revoke or define more than they hold themselves', async () => {
    await as(t, admin).post('/api/v1/admin/roles', { name: 'role_clerk', displayName: 'Role clerk', permissions: ['user.roles.assign', 'role.read', 'role.manage', 'audit.read'] });
    const clerk = await signedInWith(t, 'clerk', ['role_clerk']);
    const target = await signedInWith(t, 'target');
    expectError(await as(t, clerk).post('/api/v1/admin/roles/system_admin/users', { userIds: [clerk.id] }), 403, 'AUTHZ_ESCALATION');
    expectError(await as(t, clerk).post('/api/v1/admin/roles', { name: 'sneaky', displayName: 'x', permissions: ['user.delete'] }), 403, 'AUTHZ_ESCALATION');
    await as(t, admin).post('/api/v1/admin/roles', { name: 'audit_reader', displayName: 'Audit reader', permissions: ['audit.read'] });
    expect((await as(t, clerk).post('/api/v1/admin/roles/audit_reader/users', { userIds: [target.id] })).status).toBe(204);
    expect((await t.query(`SELECT role FROM user_system_role WHERE user_id = $1`, [clerk.id])).map((r) => r.role)).toEqual(['role_clerk']);
    // A user manager administers accounts but cannot hand out roles at all.
    expectError(await as(t, manager).post('/api/v1/admin/roles/auditor/users', { userIds: [manager.id] }), 403, 'FORBIDDEN');
  });

  it('keeps the last system administrator, rolling the whole change back', async () => {
    const before = (await t.auditRows('authz.user_roles.changed')).length;
    const admins = await t.query<{ user_id: string }>(`SELECT user_id FROM user_system_role WHERE role = 'system_admin'`);
    expect(admins.map((r) => r.user_id)).toEqual([admin.id]);
    expectError(await as(t, admin).delete(`/api/v1/admin/roles/system_admin/users/${admin.id}`), 409, 'AUTHZ_LAST_SYSTEM_ADMIN');
    expect(await t.query(`SELECT 1 FROM user_system_role WHERE role = 'system_admin' AND user_id = $1`, [admin.id])).toHaveLength(1);
    expect(await t.auditRows('authz.user_roles.changed')).toHaveLength(before);
  });

  it('grants roles through groups, including to members of child groups', async () => {
    const direct = await signedInWith(t, 'grp-direct');
    const nested = await signedInWith(t, 'grp-nested');
    const [parent] = await t.query<{ id: string }>(`INSERT INTO user_group (name, display_name) VALUES ('compliance', 'Compliance') RETURNING id`);
    const [child] = await t.query<{ id: string }>(`INSERT INTO user_group (name, display_name, parent_id) VALUES ('compliance-emea', 'EMEA', $1) RETURNING id`, [parent.id]);
    await t.query(`INSERT INTO user_group_member (group_id, user_id) VALUES ($1, $2), ($3, $4)`, [parent.id, direct.id, child.id, nested.id]);
    expectError(await as(t, nested).get('/api/v1/admin/roles'), 403, 'FORBIDDEN');
    expect((await as(t, admin).post('/api/v1/admin/roles/user_manager/groups', { groupIds: [parent.id] })).status).toBe(204);
    for (const user of [direct, nested]) {
      const me = await as(t, user).get('/api/v1/authz/me');
      expect(me.body).toMatchObject({ roles: ['member', 'user_manager'] });
      expect((me.body as { permissions: string[] }).permissions).toContain(Permission.UserRead);
    }
    expect((await t.auditRows('authz.group_roles.changed')).at(-1)).toMatchObject({ target_type: 'group', target_id: parent.id, before: { roles: [] }, after: { roles: ['user_manager'] } });
    expect((await as(t, admin).get('/api/v1/admin/roles/user_manager/assignments')).body).toMatchObject({ groupIds: [parent.id] });
    expect((await as(t, admin).delete(`/api/v1/admin/roles/user_manager/groups/${parent.id}`)).status).toBe(204);
    expectError(await as(t, nested).get('/api/v1/admin/roles'), 403, 'FORBIDDEN');
  });

  it('lets account administration set complete role sets through RoleAssignmentService', async () => {
    const { RoleAssignmentService } = await import('@enclave/authz');
    const service = t.app.get(RoleAssignmentService, { strict: false });
    const subject = await signedInWith(t, 'svc-target');
    expect(await service.assignToUser(admin.actor, subject.id, ['auditor', 'compliance_officer'])).toEqual(['auditor', 'compliance_officer']);
    expect(await service.assignToUser(admin.actor, subject.id, ['auditor'])).toEqual(['auditor']);
    expect(await service.rolesOfUser(subject.id)).toEqual(['auditor']);
    await expect(service.assignToUser(member.actor, subject.id, ['auditor'])).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    await expect(service.assignToUser(admin.actor, subject.id, ['no_such_role'])).rejects.toMatchObject({ code: 'AUTHZ_ROLE_NOT_FOUND' });
  });
});
