/**
 * `npm run bench -- fanout [--duration S] [--only ws,socketio,ws-pg,enclave]`
 *
 * One channel, N connected members, 10 of them sending at a fixed total rate; every
 * connection receives every message. The server is pinned to CPU 0 and the load generator
 * to CPU 1. Enclave is compared against three ceilings written here: a bare ws broadcaster,
 * a bare socket.io broadcaster, and a bare ws server that inserts into PostgreSQL first.
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SERVER_CPU, formatTable, measure, type Measurement } from './fanout/fanout-runner.js';
import { spawnPinned, type SpawnedProcess } from './fanout/server-process.js';
import type { LoadPlan } from './fanout/load-generator.js';

const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const SENDERS = 10;

interface Scenario {
  readonly connections: number;
  readonly ratePerSecond: number;
}

const SCENARIOS: readonly Scenario[] = [
  { connections: 100, ratePerSecond: 20 },
  { connections: 1000, ratePerSecond: 20 },
  { connections: 1000, ratePerSecond: 50 },
  { connections: 1000, ratePerSecond: 100 },
];

interface StartedSystem {
  readonly server: SpawnedProcess;
  readonly plan: Pick<LoadPlan, 'url' | 'protocol' | 'tokens' | 'sendEvent' | 'sendFields' | 'readyPrefix'>;
  stop(): Promise<void>;
}

interface System {
  readonly name: string;
  start(scenario: Scenario): Promise<StartedSystem>;
}

const ceilingsDir = join(import.meta.dirname, 'fanout', 'ceilings');

const wsCeiling: System = {
  name: 'bare ws',
  async start() {
    const { process: server, match } = await spawnPinned(SERVER_CPU, join(ceilingsDir, 'ws-broadcast.server.js'), [], /LISTENING (\d+)/);
    return { server, plan: { url: `ws://127.0.0.1:${match[1]}`, protocol: 'ws' }, stop: () => server.stop() };
  },
};

const socketIoCeiling: System = {
  name: 'bare socket.io',
  async start() {
    const { process: server, match } = await spawnPinned(SERVER_CPU, join(ceilingsDir, 'socketio-broadcast.server.js'), [], /LISTENING (\d+)/);
    return { server, plan: { url: `ws://127.0.0.1:${match[1]}`, protocol: 'socketio', sendEvent: 'm' }, stop: () => server.stop() };
  },
};

const wsPostgresCeiling: System = {
  name: 'ws + PostgreSQL',
  async start() {
    const db = `enclave_bench_${randomBytes(5).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${db}`);
    const { process: server, match } = await spawnPinned(
      SERVER_CPU,
      join(ceilingsDir, 'ws-postgres.server.js'),
      [`postgres://postgres@127.0.0.1:5432/${db}`],
      /LISTENING (\d+)/,
    );
    return {
      server,
      plan: { url: `ws://127.0.0.1:${match[1]}`, protocol: 'ws' },
      async stop() {
        await server.stop();
        await adminQuery(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      },
    };
  },
};

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function run(args: string[]): Promise<void> {
  const duration = Number(argValue(args, '--duration') ?? 20);
  const only = argValue(args, '--only')?.split(',');
  const systems: Array<[string, System]> = [
    ['ws', wsCeiling],
    ['socketio', socketIoCeiling],
    ['ws-pg', wsPostgresCeiling],
  ];
  const chosen = systems.filter(([key]) => !only || only.includes(key));
  const rows: Measurement[] = [];
  for (const [, system] of chosen) {
    for (const scenario of SCENARIOS) {
      const started = await system.start(scenario);
      try {
        const result = await measure(system.name, started.server.pid, {
          ...started.plan,
          connections: scenario.connections,
          senders: SENDERS,
          ratePerSecond: scenario.ratePerSecond,
          durationSeconds: duration,
        });
        rows.push(result);
        console.log(`${system.name} N=${scenario.connections} ${scenario.ratePerSecond} msg/s: ${result.deliveredPerSecond.toFixed(0)} deliveries/s, p99 ${result.p99.toFixed(1)} ms`);
      } finally {
        await started.stop();
      }
    }
  }
  const wsRow = (r: Measurement) => rows.find((c) => c.system === 'bare ws' && c.connections === r.connections && c.ratePerSecond === r.ratePerSecond);
  console.log(`\nFan-out, ${duration} s per run, server on CPU ${SERVER_CPU}, load generator on the other CPU:\n`);
  console.log(formatTable(rows, wsRow));
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}
