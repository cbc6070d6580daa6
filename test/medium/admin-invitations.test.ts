import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAdminTestApp, type AdminTestApp } from './support/admin-test-app.js';
import { TestSmtpServer, type ReceivedMail } from './support/test-smtp-server.js';

const PUBLIC_URL = 'https://chat.example.test';

/** The token from the link in the mail (`…/invite#token=…`). */
function tokenFrom(mail: ReceivedMail): string {
  const match = /https:\/\/chat\.example\.test\/invite#token=([A-Za-z0-9._-]+)/.exec(mail.text);
  if (!match) throw new Error(`no invitation link in: ${mail.text}`);
  return match[1];
}

describe('account administration: invitations by email', () => {
  let t: AdminTestApp;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createAdminTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Enclave <enclave@example.test>', PUBLIC_URL, INVITATION_TTL_HOURS: '48' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const invite = (body: Record<string, unknown>) => t.asAdmin('post', '/api/v1/admin/invitations').send(body);

  it('mails a signed link through SMTP; following it lets the invitee choose a username and password and sign in', async () => {
    const engineering = (await t.asAdmin('post', '/api/v1/admin/groups').send({ name: 'eng', displayName: '研发' })).body.id as string;
    const created = await invite({ email: 'li.na@example.com', displayName: '李娜', roles: ['auditor'], groupIds: [engineering] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'li.na@example.com', status: 'pending', roles: ['auditor'], groupIds: [engineering] });
    expect(JSON.stringify(created.body)).not.toMatch(/token/i);

    const mail = await smtp.waitFor('li.na@example.com');
    expect(mail.from).toBe('enclave@example.test');
    expect(mail.subject).toContain('Enclave');
    expect(mail.text).toContain('李娜');
    const token = tokenFrom(mail);

    const preview = await t.http().post('/api/v1/invitations/lookup').send({ token });
    expect(preview.body).toMatchObject({ email: 'li.na@example.com', displayName: '李娜' });
    const accepted = await t.http().post('/api/v1/invitations/accept').send({ token, username: 'Li.Na', password: 'lantern-river-stone-91' });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ username: 'li.na', displayName: '李娜', email: 'li.na@example.com', roles: ['auditor'] });
    const login = await t.signIn('li.na', 'lantern-river-stone-91');
    expect(login.status).toBe(200);
    expect(login.body.passwordChangeRequired).toBe(false);
    const user = await t.asAdmin('get', `/api/v1/admin/users/${accepted.body.id}`);
    expect(user.body.groups).toEqual([{ id: engineering, name: 'eng' }]);

    // Used once: the link is now invalid.
    const again = await t.http().post('/api/v1/invitations/accept').send({ token, username: 'someone-else', password: 'lantern-river-stone-91' });
    expect([again.status, again.body.error.code]).toEqual([404, 'INVITATION_INVALID']);
    const list = await t.asAdmin('get', '/api/v1/admin/invitations');
    expect(list.body.items[0]).toMatchObject({ status: 'accepted', acceptedUserId: accepted.body.id });
    expect((list.body.items[0] as { mailSentAt: string | null }).mailSentAt).not.toBeNull();

    const audit = JSON.stringify(await t.auditRows());
    expect(audit).not.toContain(token);
    expect(audit).not.toContain(token.split('.')[1]);
    const acceptances = await t.auditRows('user.invitation.accepted');
    expect(acceptances.find((r) => r.outcome === 'success')).toMatchObject({ actor_user_id: accepted.body.id });
    expect(acceptances.at(-1)).toMatchObject({ outcome: 'failure', details: { error: { code: 'INVITATION_INVALID' } } });
    expect((await t.auditRows('user.invited')).at(-1)).toMatchObject({ outcome: 'success', actor_user_id: t.admin.id, after: { email: 'li.na@example.com' } });
  });

  it('refuses tampered, unknown and malformed tokens with INVITATION_INVALID, and expired links with INVITATION_EXPIRED', async () => {
    await invite({ email: 'late@example.com' });
    const token = tokenFrom(await smtp.waitFor('late@example.com'));
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    for (const bad of [tampered, 'garbage', `00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}`]) {
      const res = await t.http().post('/api/v1/invitations/lookup').send({ token: bad });
      expect([res.status, res.body.error.code]).toEqual([404, 'INVITATION_INVALID']);
    }
    expect((await t.http().post('/api/v1/invitations/lookup').send({})).status).toBe(400);
    t.clock.advance(49 * 3_600_000);
    const expired = await t.http().post('/api/v1/invitations/accept').send({ token, username: 'late-user', password: 'lantern-river-stone-91' });
    expect([expired.status, expired.body.error.code]).toEqual([410, 'INVITATION_EXPIRED']);
    expect((await t.query(`SELECT 1 FROM app_user WHERE username = 'late-user'`)).length).toBe(0);
    t.clock.advance(-49 * 3_600_000);
  });

  it('a bad username or password on accept changes nothing; the link still works afterwards', async () => {
    await invite({ email: 'retry@example.com' });
    const token = tokenFrom(await smtp.waitFor('retry@example.com'));
    const weak = await t.http().post('/api/v1/invitations/accept').send({ token, username: 'retry-user', password: 'short' });
    expect(weak.body.error.code).toBe('PASSWORD_TOO_SHORT');
    const taken = await t.http().post('/api/v1/invitations/accept').send({ token, username: 'root-admin', password: 'lantern-river-stone-91' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'USERNAME_TAKEN']);
    const ok = await t.http().post('/api/v1/invitations/accept').send({ token, username: 'retry-user', password: 'lantern-river-stone-91' });
    expect(ok.status).toBe(201);
  });

  it('revoking or re-inviting voids the earlier link; an address in use cannot be invited', async () => {
    const first = await invite({ email: 'twice@example.com' });
    const firstToken = tokenFrom(await smtp.waitFor('twice@example.com'));
    await invite({ email: 'TWICE@example.com' });
    expect((await t.http().post('/api/v1/invitations/lookup').send({ token: firstToken })).body.error.code).toBe('INVITATION_INVALID');
    expect((await t.asAdmin('delete', `/api/v1/admin/invitations/${first.body.id}`)).body.error.code).toBe('INVITATION_INVALID');

    const revocable = await invite({ email: 'revoked@example.com' });
    const revokedToken = tokenFrom(await smtp.waitFor('revoked@example.com'));
    expect((await t.asAdmin('delete', `/api/v1/admin/invitations/${revocable.body.id}`)).status).toBe(204);
    expect((await t.http().post('/api/v1/invitations/lookup').send({ token: revokedToken })).body.error.code).toBe('INVITATION_INVALID');

    const inUse = await invite({ email: 'li.na@example.com' });
    expect([inUse.status, inUse.body.error.code]).toEqual([409, 'INVITATION_EMAIL_IN_USE']);
    expect((await invite({ email: 'x@example.com', roles: ['wizard'] })).body.error.code).toBe('ADMIN_ROLE_UNKNOWN');
    expect((await invite({ email: 'not an email' })).status).toBe(400);
  });

  it('is refused without SMTP (MAIL_NOT_CONFIGURED) and to non-administrators', async () => {
    const plain = await t.signedIn('no-invite-rights');
    const denied = await t.http().post('/api/v1/admin/invitations').set('Authorization', `Bearer ${plain.token}`).send({ email: 'y@example.com' });
    expect(denied.status).toBe(403);
    const noMail = await createAdminTestApp();
    try {
      const res = await noMail.asAdmin('post', '/api/v1/admin/invitations').send({ email: 'z@example.com' });
      expect([res.status, res.body.error.code]).toEqual([409, 'MAIL_NOT_CONFIGURED']);
    } finally {
      await noMail.close();
    }
  });
});
