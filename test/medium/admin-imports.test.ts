import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAdminTestApp, type AdminTestApp } from './support/admin-test-app.js';

const CSV = [
  '\uFEFFusername,email,display_name,roles,groups',
  'zhang.san,zhang.san@example.com,张三,,engineering',
  'li.si,li.si@example.com,"李四, 研发",auditor,engineering;support',
  'wang.wu,,王五,,',
  'existing,existing@example.com,Existing Person,,',
  'bad email,x@example.com,Bad,,',
  'zhao.liu,not-an-email,赵六,,',
  'qian.qi,,钱七,,no-such-group',
  'sun.ba,,孙八,wizard,',
  'zhang.san,dup@example.com,Dup,,',
  'short,row',
  // A quoted field may span lines (here it makes an invalid display name: no control characters).
  '"multi.line",,"line one',
  'line two",,',
  'after.multi,,After,,',
].join('\r\n');

describe('account administration: CSV user import', () => {
  let t: AdminTestApp;

  beforeAll(async () => {
    t = await createAdminTestApp();
    await t.asAdmin('post', '/api/v1/admin/groups').send({ name: 'Engineering', displayName: '研发部' });
    await t.asAdmin('post', '/api/v1/admin/groups').send({ name: 'support', displayName: '支持' });
    await t.asAdmin('post', '/api/v1/admin/users').send({ username: 'existing', displayName: 'Existing Person', email: 'existing@example.com' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (body: string | Buffer, type = 'text/csv; charset=utf-8', app: AdminTestApp = t) =>
    app.asAdmin('post', '/api/v1/admin/user-imports').set('Content-Type', type).send(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));

  const waitForImport = async (id: string) => {
    for (let i = 0; i < 200; i++) {
      const res = await t.asAdmin('get', `/api/v1/admin/user-imports/${id}`);
      if (res.body.status === 'completed' || res.body.status === 'failed') return res.body as { status: string; progress: Record<string, number>; errors: Array<Record<string, unknown>> };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  };

  let importId: string;

  it('dry run: per-row errors with line numbers, and what would change (BOM, quoted fields, Chinese names)', async () => {
    const res = await upload(CSV);
    expect(res.status).toBe(201);
    importId = res.body.id;
    expect(res.body.status).toBe('validated');
    const report = res.body.dryRun;
    expect(report).toMatchObject({ rows: 12, create: 4, update: 0, unchanged: 1, errors: 7 });
    expect(report.preview).toEqual(
      expect.arrayContaining([
        { line: 2, username: 'zhang.san', action: 'create', changes: ['displayName', 'email', 'groups'] },
        { line: 3, username: 'li.si', action: 'create', changes: ['displayName', 'email', 'roles', 'groups'] },
        { line: 5, username: 'existing', action: 'unchanged', changes: [] },
        { line: 14, username: 'after.multi', action: 'create', changes: ['displayName'] },
      ]),
    );
    expect((report.rowErrors as Array<{ line: number; code: string }>).map((e) => [e.line, e.code])).toEqual([
      [6, 'IMPORT_ROW_INVALID_USERNAME'],
      [7, 'IMPORT_ROW_INVALID_EMAIL'],
      [8, 'IMPORT_ROW_UNKNOWN_GROUP'],
      [9, 'IMPORT_ROW_UNKNOWN_ROLE'],
      [10, 'IMPORT_ROW_DUPLICATE_USERNAME'],
      [11, 'IMPORT_ROW_COLUMN_COUNT'],
      [12, 'IMPORT_ROW_INVALID_DISPLAY_NAME'],
    ]);
    expect((await t.query(`SELECT 1 FROM app_user WHERE username = 'zhang.san'`)).length).toBe(0);
    expect((await t.auditRows('user.import.validated')).at(-1)).toMatchObject({ outcome: 'success', target_id: importId, after: { rows: 12, create: 4, errors: 7 } });
  });

  it('apply runs as a job with progress readable over the API; bad rows are skipped and leave nothing behind', async () => {
    const started = await t.asAdmin('post', `/api/v1/admin/user-imports/${importId}/apply`).send();
    expect(started.status).toBe(202);
    expect(['queued', 'running', 'completed']).toContain(started.body.status);
    const done = await waitForImport(importId);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ percent: 100, rowsDone: 12, rowsTotal: 12, created: 4, updated: 0, unchanged: 1, errors: 7 });
    expect(done.errors).toHaveLength(7);
    const users = await t.query<{ username: string; display_name: string; email: string | null }>(
      `SELECT username, display_name, email FROM app_user WHERE username IN ('zhang.san', 'li.si', 'wang.wu', 'multi.line', 'after.multi', 'zhao.liu', 'qian.qi', 'sun.ba') ORDER BY username`,
    );
    expect(users).toEqual([
      { username: 'after.multi', display_name: 'After', email: null },
      { username: 'li.si', display_name: '李四, 研发', email: 'li.si@example.com' },
      { username: 'wang.wu', display_name: '王五', email: null },
      { username: 'zhang.san', display_name: '张三', email: 'zhang.san@example.com' },
    ]);
    const liSi = (await t.asAdmin('get', '/api/v1/admin/users').query({ q: 'li.si' })).body.items[0];
    expect(liSi.roles).toEqual(['auditor']);
    expect((liSi.groups as Array<{ name: string }>).map((g) => g.name).sort()).toEqual(['Engineering', 'support']);
    const created = (await t.auditRows('user.created')).filter((r) => (r.details as { importId?: string } | null)?.importId === importId);
    expect(created).toHaveLength(4);
    expect((await t.auditRows('user.import.completed')).at(-1)).toMatchObject({ target_id: importId, details: { created: 4, errors: 7 } });
    const again = await t.asAdmin('post', `/api/v1/admin/user-imports/${importId}/apply`).send();
    expect([again.status, again.body.error.code]).toEqual([409, 'IMPORT_ALREADY_APPLIED']);
    expect((await t.query<{ csv: string | null }>(`SELECT csv FROM user_import WHERE id = $1`, [importId]))[0].csv).toBeNull();
  });

  it('re-importing reports updates and unchanged rows, never re-enables an account an administrator deactivated', async () => {
    const wang = (await t.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'wang.wu'`))[0].id;
    expect((await t.asAdmin('post', `/api/v1/admin/users/${wang}/deactivate`).send({})).status).toBe(200);
    const res = await upload('username,display_name,groups\nzhang.san,张三,engineering\nwang.wu,王五 (new),support\n');
    expect(res.body.dryRun).toMatchObject({ rows: 2, create: 0, update: 1, unchanged: 1, errors: 0 });
    expect(res.body.dryRun.preview[1]).toMatchObject({ username: 'wang.wu', action: 'update', changes: ['displayName', 'groups'] });
    await t.asAdmin('post', `/api/v1/admin/user-imports/${res.body.id}/apply`).send();
    expect((await waitForImport(res.body.id)).progress).toMatchObject({ updated: 1, unchanged: 1 });
    const after = (await t.asAdmin('get', `/api/v1/admin/users/${wang}`)).body;
    expect(after).toMatchObject({ displayName: '王五 (new)', status: 'deactivated', groups: [{ name: 'support' }] });
    const [audit] = (await t.auditRows('user.updated')).filter((r) => r.target_id === wang && (r.details as { importId?: string } | null)?.importId === res.body.id);
    expect(audit).toMatchObject({ before: { displayName: '王五' }, after: { displayName: '王五 (new)' } });
  });

  it('lists imports newest first with status and counts, paged by cursor', async () => {
    const first = await t.asAdmin('get', '/api/v1/admin/user-imports').query({ limit: 1 });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).not.toHaveProperty('errors');
    const all: Array<{ id: string; createdAt: string; status: string; rows: number; progress: { updated: number } }> = [...first.body.items];
    let cursor = first.body.nextCursor as string | null;
    while (cursor) {
      const page = await t.asAdmin('get', '/api/v1/admin/user-imports').query({ limit: 1, cursor });
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    expect(all.length).toBeGreaterThanOrEqual(2);
    // The re-import of the test before: completed, two rows, one updated.
    expect(all).toContainEqual(expect.objectContaining({ status: 'completed', rows: 2, dryRunErrors: 0, progress: expect.objectContaining({ updated: 1, unchanged: 1 }) as unknown }));
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    expect([...all].sort((a, b) => b.createdAt.localeCompare(a.createdAt))).toEqual(all);
    const bad = await t.asAdmin('get', '/api/v1/admin/user-imports').query({ cursor: 'garbage' });
    expect(bad.status).toBe(400);
  });

  it('a row refused midway (escalation by a user manager) rolls back entirely: no half-imported user', async () => {
    const manager = await t.signedIn('import-manager', { roles: ['user_manager'] });
    const res = await t
      .http()
      .post('/api/v1/admin/user-imports')
      .set('Authorization', `Bearer ${manager.token}`)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from('username,display_name,roles\nwould.be.admin,Nope,system_admin\nplain.one,Fine,\n'));
    expect(res.status).toBe(201);
    await t.http().post(`/api/v1/admin/user-imports/${res.body.id}/apply`).set('Authorization', `Bearer ${manager.token}`).send();
    const done = await waitForImport(res.body.id);
    expect(done.progress).toMatchObject({ created: 1, errors: 1 });
    expect(done.errors[0]).toMatchObject({ line: 2, username: 'would.be.admin', code: expect.stringMatching(/AUTHZ_ESCALATION|FORBIDDEN/) });
    expect((await t.query(`SELECT 1 FROM app_user WHERE username = 'would.be.admin'`)).length).toBe(0);
    expect((await t.query(`SELECT 1 FROM app_user WHERE username = 'plain.one'`)).length).toBe(1);
  });

  it('refuses bad files with stable codes: not UTF-8, broken quoting, unknown columns, wrong content type', async () => {
    const latin1 = Buffer.from('username,display_name\nmuller,M\xfcller\n', 'latin1');
    for (const body of [latin1, 'username,display_name\n"open,quote\n', 'user,email\nx,y\n', '']) {
      const res = await upload(body);
      expect([res.status, res.body.error.code]).toEqual([400, 'IMPORT_INVALID_CSV']);
    }
    const broken = await upload('username,display_name\nok,"unterminated\n');
    expect(broken.body.error.details).toEqual({ line: 2 });
    const json = await t.asAdmin('post', '/api/v1/admin/user-imports').send({ csv: 'username\nx' });
    expect([json.status, json.body.error.code]).toEqual([415, 'IMPORT_UNSUPPORTED_MEDIA_TYPE']);
    expect((await t.asAdmin('get', '/api/v1/admin/user-imports/00000000-0000-4000-8000-000000000009')).body.error.code).toBe('IMPORT_NOT_FOUND');
  });

  it('refuses files over IMPORT_MAX_BYTES or IMPORT_MAX_ROWS with 413 IMPORT_TOO_LARGE', async () => {
    const small = await createAdminTestApp({ IMPORT_MAX_BYTES: '1kb', IMPORT_MAX_ROWS: '3' });
    try {
      const rows = (n: number) => ['username', ...Array.from({ length: n }, (_, i) => `user-${i}`)].join('\n');
      expect((await upload(rows(3), 'text/csv', small)).status).toBe(201);
      const tooMany = await upload(rows(4), 'text/csv', small);
      expect([tooMany.status, tooMany.body.error.code, tooMany.body.error.details]).toEqual([413, 'IMPORT_TOO_LARGE', { maxRows: 3 }]);
      const tooBig = await upload(`username\n${'a'.repeat(2000)}\n`, 'text/csv', small);
      expect([tooBig.status, tooBig.body.error.code]).toEqual([413, 'IMPORT_TOO_LARGE']);
    } finally {
      await small.close();
    }
  });
});
