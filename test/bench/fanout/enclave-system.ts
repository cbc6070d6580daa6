/**
 * The system under test: the real built server (apps/server/dist/main.js) pinned to the
 * server CPU, on a fresh PostgreSQL database and its own Redis key prefix, seeded with one
 * channel whose members are all the benchmark's users. Clients send `message.send` over
 * socket.io and count as joined when `ready` arrives (rooms joined).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { Scenario, StartedSystem, System } from '../fanout.bench.js';
import { SERVER_CPU } from './fanout-runner.js';
import { measureIdleMemory, type IdleMemory } from './idle-memory.js';
import { seedChannel } from './enclave-seed.js';
import { spawnPinned } from './server-process.js';

const PG_HOST = 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = 'redis://127.0.0.1:6379';
const SERVER_ENTRY = resolve(import.meta.dirname, '../../../../apps/server/dist/main.js');
const USERS = 1000;
const JOIN_CONNECTIONS = 1000;
const IDLE_CONNECTIONS = 5000;

export const enclaveSystem: System = {
  name: 'enclave',
  start: (scenario: Scenario) => startEnclave(Math.min(scenario.connections, USERS)),
};

async function startEnclave(users: number): Promise<StartedSystem> {
  const db = `enclave_bench_${randomBytes(5).toString('hex')}`;
  const prefix = `enclave-bench-${randomBytes(4).toString('hex')}:`;
  const dataDir = mkdtempSync(join(tmpdir(), 'enclave-bench-'));
  await adminQuery(`CREATE DATABASE ${db}`);
  const databaseUrl = `${PG_HOST}/${db}`;
  const cleanup = async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await deleteKeys(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  };
  let server;
  try {
    // `ENCLAVE_BENCH_CPU_PROF=<dir> npm run bench -- fanout --only enclave` writes a V8 CPU profile per server run (see spawnPinned).
    const started = await spawnPinned(SERVER_CPU, SERVER_ENTRY, [], /Enclave is running at (http:\/\/\S+)/, {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      ENCLAVE_ADMIN_PASSWORD: `bench-${randomBytes(12).toString('hex')}`,
      // The benchmark measures fan-out; the limiter still runs (one Redis script per event).
      REALTIME_SEND_RATE_PER_SECOND: '100000',
      REALTIME_SEND_BURST: '100000',
    });
    server = started.process;
    const url = started.match[1];
    const seeded = await seedChannel(url, databaseUrl, prefix, users);
    const srv = server;
    return {
      server: srv,
      plan: {
        url: url.replace(/^http/, 'ws'),
        protocol: 'socketio',
        tokens: seeded.tokens,
        sendEvent: 'message.send',
        sendFields: { conversationId: seeded.channelId },
        readyPrefix: '42["ready"',
      },
      async stop() {
        await srv.stop();
        await cleanup();
      },
    };
  } catch (error) {
    await server?.stop();
    await cleanup();
    throw error;
  }
}

export interface EnclaveConnectionFigures {
  readonly joinConnections: number;
  /** The first 1,000 connections after start-up (cold JIT, database pool still opening). */
  readonly coldJoinMs: number;
  /** Best of three further rounds on the warm server. */
  readonly joinMs: number;
  readonly idle: IdleMemory;
}

/** Time for 1,000 clients to connect, authenticate and join (cold, then warm); then memory per idle connection at 5,000. */
export async function measureEnclaveConnections(): Promise<EnclaveConnectionFigures> {
  const started = await startEnclave(USERS);
  const plan = { ...started.plan, senders: 0, ratePerSecond: 0, durationSeconds: 0 };
  try {
    const cold = await measureIdleMemory(started.server.pid, { ...plan, connections: JOIN_CONNECTIONS });
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push((await measureIdleMemory(started.server.pid, { ...plan, connections: JOIN_CONNECTIONS })).connectMs);
    const idle = await measureIdleMemory(started.server.pid, { ...plan, connections: IDLE_CONNECTIONS });
    return { joinConnections: JOIN_CONNECTIONS, coldJoinMs: cold.connectMs, joinMs: Math.min(...warm), idle };
  } finally {
    await started.stop();
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${PG_HOST}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
