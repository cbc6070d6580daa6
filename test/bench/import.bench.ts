/**
 * `npm run bench -- import [--rows 10000]`
 *
 * Bulk user import end to end against the real server (apps/server/dist, spawned with a fresh
 * PostgreSQL database and its own Redis prefix): upload the CSV over HTTP (the dry run:
 * parse, check, plan every row), then apply it (a BullMQ job in the server process, 100 rows
 * per transaction, each row with its audit record) and poll the import until it completes.
 * A second pass re-imports the same file, where every row plans as unchanged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';

const PG_HOST = 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = 'redis://127.0.0.1:6379';
const ADMIN_PASSWORD = 'bench-admin-password-willow-77';
const SERVER = resolve(import.meta.dirname, '../../../apps/server/dist/main.js');

interface ImportStatus {
  id: string;
  status: string;
  dryRun: { rows: number; create: number; update: number; unchanged: number; errors: number };
  progress: { percent: number; rowsDone: number; created: number; updated: number; unchanged: number; errors: number };
}

function parseRows(args: string[]): number {
  const i = args.indexOf('--rows');
  const n = i >= 0 ? Number(args[i + 1]) : 10_000;
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error('--rows must be a whole number between 1 and 1000000');
  return n;
}

/** Realistic rows: Chinese display names, emails, a department group each, every tenth an auditor. */
function csvOf(rows: number): string {
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
  const lines = ['\uFEFFusername,email,display_name,roles,groups'];
  for (let i = 0; i < rows; i++) {
    const name = `${surnames[i % surnames.length]}${String.fromCodePoint(0x4e00 + (i % 2000))}${i}`;
    lines.push(`bench.user.${i},bench.user.${i}@example.com,"${name}, 部门${i % 20}",${i % 10 === 0 ? 'auditor' : ''},dept-${i % 20}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function call<T>(base: string, method: string, path: string, token: string | undefined, body?: string, type = 'application/json'): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': type } : {}) }, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [SERVER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.slice(-3000)}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Enclave is running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ child, url: match[1] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.slice(-3000)}`)));
  });
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${PG_HOST}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function pass(url: string, token: string, csv: string): Promise<{ dryRunMs: number; applyMs: number; result: ImportStatus }> {
  const t0 = performance.now();
  const upload = await call<ImportStatus>(url, 'POST', '/api/v1/admin/user-imports', token, csv, 'text/csv');
  const dryRunMs = performance.now() - t0;
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${JSON.stringify(upload.body)}`);
  const t1 = performance.now();
  const applied = await call<ImportStatus>(url, 'POST', `/api/v1/admin/user-imports/${upload.body.id}/apply`, token);
  if (applied.status !== 202) throw new Error(`apply: ${applied.status} ${JSON.stringify(applied.body)}`);
  for (;;) {
    const res = await call<ImportStatus>(url, 'GET', `/api/v1/admin/user-imports/${upload.body.id}`, token);
    if (res.body.status === 'completed' || res.body.status === 'failed') return { dryRunMs, applyMs: performance.now() - t1, result: res.body };
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function run(args: string[]): Promise<void> {
  const rows = parseRows(args);
  const dbName = `enclave_bench_import_${randomBytes(5).toString('hex')}`;
  const prefix = `enclave-bench-${randomBytes(4).toString('hex')}:`;
  const dataDir = mkdtempSync(join(tmpdir(), 'enclave-bench-import-'));
  await admin(`CREATE DATABASE ${dbName}`);
  let server: { child: ChildProcess; url: string } | undefined;
  try {
    server = await startServer({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: `${PG_HOST}/${dbName}`,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      ENCLAVE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      IMPORT_MAX_ROWS: String(Math.max(rows, 50_000)),
      IMPORT_MAX_BYTES: '64mb',
    });
    const { url } = server;
    const login = await call<{ accessToken: string }>(url, 'POST', '/api/v1/auth/login', undefined, JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }));
    const token = login.body.accessToken;
    for (let d = 0; d < 20; d++) await call(url, 'POST', '/api/v1/admin/groups', token, JSON.stringify({ name: `dept-${d}`, displayName: `部门${d}` }));
    const csv = csvOf(rows);

    const first = await pass(url, token, csv);
    const second = await pass(url, token, csv);
    const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(0);
    console.log(`import bench: ${rows} rows (${(Buffer.byteLength(csv) / 1024).toFixed(0)} KiB CSV), real server over HTTP loopback, PostgreSQL + Redis on 127.0.0.1`);
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
    console.log('');
    console.log(['pass'.padEnd(28), 'dry run s'.padStart(10), 'rows/s'.padStart(9), 'apply s'.padStart(9), 'rows/s'.padStart(9), 'result'.padStart(0)].join(' '));
    for (const [label, p] of [
      ['new users (create)', first],
      ['same file again (unchanged)', second],
    ] as const) {
      const { progress } = p.result;
      console.log(
        [
          label.padEnd(28),
          (p.dryRunMs / 1000).toFixed(2).padStart(10),
          rate(rows, p.dryRunMs).padStart(9),
          (p.applyMs / 1000).toFixed(2).padStart(9),
          rate(rows, p.applyMs).padStart(9),
          ` ${p.result.status}: created ${progress.created}, updated ${progress.updated}, unchanged ${progress.unchanged}, errors ${progress.errors}`,
        ].join(' '),
      );
    }
    console.log('');
    console.log('dry run = upload + parse + per-row checks + planning against the database (one HTTP request);');
    console.log('apply = from POST …/apply to the job reporting completed: 100 rows per transaction; per row the user, a group membership,');
    console.log('a role grant through authz for every tenth row, and an audit record.');
  } finally {
    if (server && server.child.exitCode === null) {
      await new Promise<void>((resolveStop) => {
        server!.child.once('exit', () => resolveStop());
        server!.child.kill('SIGTERM');
      });
    }
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}
