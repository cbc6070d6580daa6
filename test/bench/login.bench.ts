/**
 * `npm run bench -- login [--n 200] [--concurrency 8]`
 *
 * Local sign-in throughput and latency over HTTP on loopback, against the real
 * IdentityModule + AuditModule on a fresh PostgreSQL database and Redis: N sequential
 * logins, then N logins from `concurrency` parallel clients. Every login verifies an argon2id
 * hash (the dominant cost, on libuv's thread pool), resets the failure counter, creates a
 * session and writes an audit record in one transaction. The client runs in the same
 * process, so the figures are a floor for a dedicated server.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import argon2 from 'argon2';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ConfigModule, HttpExceptionFilter, SYSTEM_ACTOR, loadConfig } from '@enclave/core';
import { DatabaseModule, createDataSource, migrate } from '@enclave/database';
import { AuditModule } from '@enclave/audit';
import { ARGON2_PARAMS, IdentityModule, UsersService, describeArgon2Params } from '@enclave/identity';

const PG_HOST = 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = 'redis://127.0.0.1:6379';
const PASSWORD = 'bench-password-orchid-lantern-42';

interface Options {
  readonly n: number;
  readonly concurrency: number;
}

function parseArgs(args: string[]): Options {
  const value = (flag: string, fallback: number): number => {
    const i = args.indexOf(flag);
    const n = i >= 0 ? Number(args[i + 1]) : fallback;
    if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`${flag} must be a whole number between 1 and 100000`);
    return n;
  };
  return { n: value('--n', 200), concurrency: value('--concurrency', 8) };
}

interface Result {
  readonly label: string;
  readonly n: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  readonly failures: number;
}

export async function run(args: string[]): Promise<void> {
  const options = parseArgs(args);
  const dbName = `enclave_bench_login_${randomBytes(5).toString('hex')}`;
  const prefix = `enclave-bench-${randomBytes(4).toString('hex')}:`;
  await admin(`CREATE DATABASE ${dbName}`);
  const dataSource = createDataSource({ url: `${PG_HOST}/${dbName}`, schema: 'public', poolSize: 10, entities: [], applicationName: 'enclave-bench' });
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  let app: INestApplication | undefined;
  try {
    await dataSource.initialize();
    await migrate(dataSource, 'public');
    await redis.connect();
    // A high per-IP limit: every login here comes from 127.0.0.1 and only failures count anyway.
    const config = loadConfig({ NODE_ENV: 'production', REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent', LOGIN_IP_MAX_ATTEMPTS: '100000' });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(dataSource), AuditModule.forRoot(), IdentityModule.forRoot({ redis })],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    app.useGlobalFilters(new HttpExceptionFilter());
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/api/v1/auth/login`;

    const users = app.get(UsersService);
    const usernames = Array.from({ length: options.concurrency }, (_, i) => `bench${i}`);
    for (const username of usernames) await users.create(SYSTEM_ACTOR, { username, password: PASSWORD });

    const rawMs = await rawArgon2VerifyMs(20);
    await loginLoop(url, usernames, 10, 1); // warm-up: JIT, pool connections, prepared paths
    const sequential = await measure('sequential', url, usernames, options.n, 1);
    const concurrent = await measure('concurrent', url, usernames, options.n, options.concurrency);

    const threads = process.env.UV_THREADPOOL_SIZE ?? '4 (default)';
    console.log(`login bench: POST /api/v1/auth/login over HTTP loopback, in-process client; PostgreSQL 127.0.0.1, Redis 127.0.0.1`);
    console.log(`argon2-bound: ${describeArgon2Params()}; one verify alone takes p50 ${rawMs.toFixed(1)} ms here`);
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, libuv threads ${threads}`);
    console.log('');
    console.log(['mode'.padEnd(12), 'n'.padStart(6), 'clients'.padStart(8), 'logins/s'.padStart(10), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'failed'.padStart(7)].join(' '));
    for (const r of [sequential, concurrent]) {
      const [p50, p99] = percentiles(r.latenciesMs, [50, 99]);
      console.log(
        [
          r.label.padEnd(12),
          String(r.n).padStart(6),
          String(r.concurrency).padStart(8),
          (r.n / r.seconds).toFixed(1).padStart(10),
          p50.toFixed(1).padStart(8),
          p99.toFixed(1).padStart(8),
          String(r.failures).padStart(7),
        ].join(' '),
      );
    }
    console.log('');
    console.log(`each login = argon2id verify + 1 transaction (counter reset, session + refresh token, audit record); ${ARGON2_PARAMS.memoryCost} KiB per verify`);
  } finally {
    await app?.close(); // closes the DataSource through DatabaseModule
    if (dataSource.isInitialized) await dataSource.destroy();
    const keys = redis.status === 'ready' ? await redis.keys(`${prefix}*`) : [];
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

async function measure(label: string, url: string, usernames: string[], n: number, concurrency: number): Promise<Result> {
  const started = performance.now();
  const { latenciesMs, failures } = await loginLoop(url, usernames, n, concurrency);
  return { label, n, concurrency, seconds: (performance.now() - started) / 1000, latenciesMs, failures };
}

/** `concurrency` clients share `n` logins; each client signs in as its own user. */
async function loginLoop(url: string, usernames: string[], n: number, concurrency: number): Promise<{ latenciesMs: number[]; failures: number }> {
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const client = async (index: number): Promise<void> => {
    const body = JSON.stringify({ username: usernames[index % usernames.length], password: PASSWORD });
    while (next < n) {
      next += 1;
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      latenciesMs.push(performance.now() - t0);
      if (res.status !== 200) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => client(i)));
  return { latenciesMs, failures };
}

async function rawArgon2VerifyMs(samples: number): Promise<number> {
  const hash = await argon2.hash(PASSWORD, ARGON2_PARAMS);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await argon2.verify(hash, PASSWORD);
    times.push(performance.now() - t0);
  }
  return percentiles(times, [50])[0];
}

function percentiles(values: number[], ps: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return ps.map((p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${PG_HOST}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
