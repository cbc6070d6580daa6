import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AuditAction } from '@enclave/audit';
import { EmbeddedPostgres, createDataSource, migrate } from '@enclave/database';
import { createAuditTestContext, TEST_ACTOR, type AuditTestContext } from './support/audit-test-context.js';
import { superuserClient } from './support/test-database.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'audit/dist/cli/main.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run audit -- …` as a child process, with exactly the environment given (nothing inherited but PATH). */
function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

describe('npm run audit (the CLI, as a child process)', () => {
  let t: AuditTestContext;
  let dir: string;
  let keys: { private: string; public: string };
  let dbEnv: Record<string, string>;

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'audit'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
    dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
    t = await createAuditTestContext();
    // Ten records on each of three days.
    for (let day = 1; day <= 3; day++) {
      for (let i = 1; i <= 10; i++) {
        const n = (day - 1) * 10 + i;
        t.clock.pin(`2026-10-0${day}T10:00:${String(i).padStart(2, '0')}.000Z`);
        await t.tx.run(() =>
          t.audit.record(TEST_ACTOR, { action: AuditAction.UserUpdated, outcome: 'success', target: { type: 'doc', id: `doc-${n}` }, after: { title: `Title "${n}", with comma\nand newline` } }),
        );
      }
    }
    t.clock.pin(undefined);
    await t.audit.sealNow();
    dbEnv = { DATABASE_URL: t.db.url };
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keygen writes an Ed25519 key pair, the private key readable by its owner only, and never overwrites it', async () => {
    const res = await cli(['keygen', '--out', join(dir, 'keys')]);
    expect(res.code).toBe(0);
    keys = { private: join(dir, 'keys/audit-signing-key.pem'), public: join(dir, 'keys/audit-signing-key.pub.pem') };
    expect(statSync(keys.private).mode & 0o777).toBe(0o600);
    expect(readFileSync(keys.public, 'utf8')).toContain('BEGIN PUBLIC KEY');
    const again = await cli(['keygen', '--out', join(dir, 'keys')]);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('refusing to overwrite');
  });

  it('verify walks the chain and prints the count and head hash', async () => {
    const res = await cli(['verify'], dbEnv);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('30 record(s) verified');
    const [head] = await t.db.dataSource.query<Array<{ hash: string }>>(`SELECT hash FROM audit_chain WHERE seq = 30`);
    expect(res.stdout).toContain(`Head: seq 30 hash ${head.hash}`);
  });

  it('reports unsealed events, and seals them first with --seal', async () => {
    await t.audit.record(TEST_ACTOR, { action: AuditAction.AuthLogout, outcome: 'success' });
    await t.audit.record(TEST_ACTOR, { action: AuditAction.AuthLogout, outcome: 'success' });
    const plain = await cli(['verify'], dbEnv);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('2 event(s) not yet sealed');
    const sealed = await cli(['verify', '--seal'], dbEnv);
    expect(sealed.code).toBe(0);
    expect(sealed.stdout).toContain('Sealed 2 pending event(s)');
    expect(sealed.stdout).toContain('32 record(s) verified');
  });

  describe('export, then verification offline', () => {
    let jsonl: string;
    let csv: string;
    const offline = { DATA_DIR: join(tmpdir(), 'no-such-enclave-data') }; // no database at all

    beforeAll(async () => {
      jsonl = join(dir, 'day2.jsonl');
      csv = join(dir, 'all.csv');
      const env = { ...dbEnv, AUDIT_SIGNING_KEY_FILE: keys.private };
      const a = await cli(['export', '--from', '2026-10-02T00:00:00Z', '--to', '2026-10-03', '--format', 'jsonl', '--out', jsonl], env);
      expect(a.stderr).toBe('');
      expect(a.code).toBe(0);
      expect(a.stdout).toContain('Exported 10 record(s) (seq 11..20)');
      const b = await cli(['export', '--from', '2026-01-01', '--to', '2027-01-01', '--format', 'csv', '--out', csv], env);
      expect(b.code).toBe(0);
    });

    it('writes a manifest tying a mid-chain range to the record before it, and records the export', async () => {
      const manifest = JSON.parse(readFileSync(`${jsonl}.manifest.json`, 'utf8'));
      const [tenth] = await t.db.dataSource.query<Array<{ hash: string }>>(`SELECT hash FROM audit_chain WHERE seq = 10`);
      expect(manifest).toMatchObject({ format: 'jsonl', count: 10, firstSeq: 11, lastSeq: 20, prevHashOfFirst: tenth.hash, signatureAlgorithm: 'Ed25519' });
      expect(readFileSync(jsonl, 'utf8').trim().split('\n')).toHaveLength(10);
      const exported = await t.db.dataSource.query(`SELECT actor_system, details FROM audit_event WHERE action = 'audit.exported'`);
      expect(exported).toHaveLength(2);
      expect(exported[0]).toMatchObject({ actor_system: true, details: { count: 10, format: 'jsonl', via: 'cli' } });
    });

    it.each(['jsonl', 'csv'])('verifies the %s export with only the public key', async (format) => {
      const file = format === 'jsonl' ? jsonl : csv;
      const res = await cli(['verify', '--file', file, '--public-key', keys.public], offline);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('Export OK');
      expect(res.stdout).toContain('Manifest signature valid');
    });

    it('says so when the signature was not checked', async () => {
      const res = await cli(['verify', '--file', jsonl], offline);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('Signature NOT checked');
    });

    const tamperedCopy = (file: string, edit: (lines: string[]) => void): string => {
      const copy = join(dir, `tampered-${Math.random().toString(36).slice(2)}-${file.split('/').pop()}`);
      const lines = readFileSync(file, 'utf8').split('\n');
      edit(lines);
      writeFileSync(copy, lines.join('\n'));
      writeFileSync(`${copy}.manifest.json`, readFileSync(`${file}.manifest.json`));
      return copy;
    };

    it('rejects a JSONL export with one changed byte, naming the record', async () => {
      const copy = tamperedCopy(jsonl, (lines) => {
        lines[4] = lines[4].replace('doc-15', 'doc-16');
      });
      const res = await cli(['verify', '--file', copy, '--public-key', keys.public], offline);
      expect(res.code).toBe(1);
      expect(res.stdout).toContain('record seq 15');
      expect(res.stdout).toContain('does not match its hash');
    });

    it('rejects a CSV export with one changed byte, naming the record', async () => {
      const copy = tamperedCopy(csv, (lines) => {
        const i = lines.findIndex((l) => l.startsWith('7,'));
        lines[i] = lines[i].replace(',success,', ',failure,');
      });
      const res = await cli(['verify', '--file', copy, '--public-key', keys.public], offline);
      expect(res.code).toBe(1);
      expect(res.stdout).toContain('record seq 7');
    });

    it('rejects an export with a deleted line', async () => {
      const copy = tamperedCopy(jsonl, (lines) => lines.splice(2, 1));
      const res = await cli(['verify', '--file', copy, '--public-key', keys.public], offline);
      expect(res.code).toBe(1);
      expect(res.stdout).toContain('record seq 13');
      expect(res.stdout).toContain('missing');
    });

    it('rejects a changed manifest', async () => {
      const copy = tamperedCopy(jsonl, () => undefined);
      const manifest = JSON.parse(readFileSync(`${copy}.manifest.json`, 'utf8'));
      writeFileSync(`${copy}.manifest.json`, JSON.stringify({ ...manifest, range: { from: '2026-10-02T00:00:00.000Z', to: '2026-10-04T00:00:00.000Z' } }));
      const res = await cli(['verify', '--file', copy, '--public-key', keys.public], offline);
      expect(res.code).toBe(1);
      expect(res.stdout).toContain('signature is not valid');
    });

    it('refuses to export without a signing key, saying how to make one', async () => {
      const res = await cli(['export', '--from', '2026-10-01', '--to', '2026-10-02', '--format', 'jsonl', '--out', join(dir, 'nokey.jsonl')], dbEnv);
      expect(res.code).toBe(3);
      expect(res.stderr).toContain('AUDIT_SIGNING_KEY_FILE is not set');
      expect(res.stderr).toContain('keygen');
    });
  });

  it.each([
    [['frobnicate'], 'Unknown command'],
    [['export', '--from', 'yesterday', '--to', '2026-10-02', '--format', 'jsonl', '--out', 'x'], 'ISO 8601'],
    [['export', '--from', '2026-10-01', '--to', '2026-10-02', '--format', 'xml', '--out', 'x'], 'jsonl or csv'],
    [['verify', '--bogus'], 'Unknown option'],
  ])('exits 2 with usage help for %j', async (args, message) => {
    const res = await cli(args, dbEnv);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
  });

  it('fails verification naming the seq a superuser changed (runs last: it breaks the chain)', async () => {
    const su = await superuserClient(t.db.name);
    try {
      await su.query(`SET session_replication_role = replica`);
      await su.query(`UPDATE audit_event SET target_id = 'doc-999' WHERE id = (SELECT event_id FROM audit_chain WHERE seq = 23)`);
    } finally {
      await su.end();
    }
    const res = await cli(['verify'], dbEnv);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('BROKEN');
    expect(res.stdout).toContain('record seq 23');
    expect(res.stdout).toContain('Records seq 1..22 verified');
    const exported = await cli(['export', '--from', '2026-10-03', '--to', '2026-10-04', '--format', 'jsonl', '--out', join(dir, 'broken.jsonl')], { ...dbEnv, AUDIT_SIGNING_KEY_FILE: keys.private });
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain('broken at seq 23');
  });
});

describe('npm run audit -- verify on the embedded database', () => {
  it('refuses clearly while the server holds it, and verifies once it is stopped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'audit-cli-embedded-'));
    const embedded = await EmbeddedPostgres.start(dataDir, 4);
    let stopped = false;
    try {
      const ds = createDataSource({ url: embedded.url, schema: 'public', poolSize: 2, entities: [] });
      await ds.initialize();
      await migrate(ds, 'public');
      await ds.query(`INSERT INTO audit_event (occurred_at, action, outcome) VALUES (now(), 'system.admin.bootstrapped', 'success')`);
      await ds.query(`INSERT INTO audit_pending (event_id) SELECT id FROM audit_event`);
      await ds.destroy();

      const locked = await cli(['verify'], { DATA_DIR: dataDir });
      expect(locked.code).toBe(3);
      expect(locked.stderr).toContain(`in use by process ${process.pid}`);
      expect(locked.stderr).toContain('stop the server');

      await embedded.stop();
      stopped = true;
      const res = await cli(['verify', '--seal'], { DATA_DIR: dataDir });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('1 record(s) verified');
      expect(res.stdout).toContain('embedded database');
    } finally {
      if (!stopped) await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
