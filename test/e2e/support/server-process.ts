import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const SERVER_ENTRY = join(REPO_ROOT, 'apps/server/dist/main.js');
const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = 'redis://127.0.0.1:6379';

export type DatabaseMode = 'embedded' | 'postgres';

/**
 * An isolated place for one e2e run: its own data directory or PostgreSQL database and its
 * own Redis key prefix, all removed by `dispose()`.
 */
export class TestEnvironment {
  readonly redisPrefix = `enclave-e2e-${randomBytes(4).toString('hex')}:`;
  readonly dataDir: string;
  databaseName: string | undefined;

  private constructor(readonly mode: DatabaseMode) {
    this.dataDir = mkdtempSync(join(tmpdir(), 'enclave-e2e-'));
  }

  static async create(mode: DatabaseMode): Promise<TestEnvironment> {
    const env = new TestEnvironment(mode);
    if (mode === 'postgres') {
      env.databaseName = `enclave_e2e_${randomBytes(6).toString('hex')}`;
      await adminQuery(`CREATE DATABASE ${env.databaseName}`);
    }
    return env;
  }

  get databaseUrl(): string | undefined {
    return this.databaseName ? `postgres://postgres@127.0.0.1:5432/${this.databaseName}` : undefined;
  }

  /** The environment variables a server for this run starts with (override per test). */
  serverEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      DATABASE_URL: this.databaseUrl,
      REDIS_URL,
      REDIS_KEY_PREFIX: this.redisPrefix,
      LOG_LEVEL: 'info',
      ...overrides,
    };
  }

  async dispose(): Promise<void> {
    if (this.databaseName) await adminQuery(`DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`);
    rmSync(this.dataDir, { recursive: true, force: true });
    const redis = new Redis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.redisPrefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface StartedServer {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM and wait for exit; returns the exit code. */
  stop(): Promise<number | null>;
}

/** Spawns the built server (`npm run build` first) and waits until it prints its URL. */
export function startServer(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<StartedServer> {
  const child = spawn(process.execPath, [SERVER_ENTRY], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output.slice(-4000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Enclave is running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise({
          url: match[1],
          process: child,
          output: () => output,
          stop: () => stopProcess(child),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting:\n${output.slice(-4000)}`));
    });
  });
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export function runServerToExit(env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SERVER_ENTRY], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server kept running:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

function stopProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolvePromise) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolvePromise(code);
    });
    child.kill('SIGTERM');
  });
}

/** Only what the server needs: the test runner's own variables must not leak into it. */
function cleanEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
