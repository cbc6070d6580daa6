/**
 * `npm run bench -- fanout [--duration S] [--only ws,socketio,ws-pg,enclave] [--scenarios N:rate,...] [--sat-duration S]
 *  [--no-saturation] [--no-connections]`
 *
 * One channel, N connected members, 10 of them sending at a fixed total rate; every
 * connection receives every message. The server is pinned to CPU 0 and the load generator
 * to CPU 1. Enclave is compared against three ceilings written here: a bare ws broadcaster,
 * a bare socket.io broadcaster, and a bare ws server that inserts into PostgreSQL first.
 * Then a saturation ramp per system (the highest rate sustained with >= 99.9% delivered),
 * and for Enclave the connect-and-join time of 1,000 clients and memory per idle connection.
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CEILINGS, SERVER_CPU, formatTable, measure, type Measurement } from './fanout/fanout-runner.js';
import { spawnPinned, type SpawnedProcess } from './fanout/server-process.js';
import type { LoadPlan } from './fanout/load-generator.js';
import { enclaveSystem, measureEnclaveConnections } from './fanout/enclave-system.js';
import { argValue } from './bench-args.js';

const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const SENDERS = 10;

export interface Scenario {
  readonly connections: number;
  readonly ratePerSecond: number;
}

const SCENARIOS: readonly Scenario[] = [
  { connections: 100, ratePerSecond: 20 },
  { connections: 1000, ratePerSecond: 20 },
  { connections: 1000, ratePerSecond: 50 },
  { connections: 1000, ratePerSecond: 100 },
];

export interface StartedSystem {
  readonly server: SpawnedProcess;
  readonly plan: Pick<LoadPlan, 'url' | 'protocol' | 'tokens' | 'sendEvent' | 'sendFields' | 'readyPrefix'>;
  stop(): Promise<void>;
}

export interface System {
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
    ['enclave', enclaveSystem],
  ];
  const chosen = systems.filter(([key]) => !only || only.includes(key));
  const scenarios = parseScenarios(argValue(args, '--scenarios')) ?? SCENARIOS;
  const rows: Measurement[] = [];
  for (const [, system] of chosen) {
    for (const scenario of scenarios) {
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
  const saturation = args.includes('--no-saturation') ? [] : await rampAll(chosen.map(([, system]) => system), Number(argValue(args, '--sat-duration') ?? 10));
  const enclaveExtras = chosen.some(([key]) => key === 'enclave') && !args.includes('--no-connections') ? await measureEnclaveConnections() : undefined;
  console.log(`\nFan-out, ${duration} s per run, server on CPU ${SERVER_CPU}, load generator on the other CPU:\n`);
  console.log(formatTable(rows));
  if (saturation.length > 0) {
    console.log(`\nSaturation (N=${SATURATION_CONNECTIONS}, ${SENDERS} senders): the highest rate with >= 99.9% delivered and p99 < ${SATURATION_MAX_P99_MS} ms\n`);
    console.log(formatSaturation(saturation));
  }
  if (enclaveExtras) {
    console.log(
      `\nEnclave: ${enclaveExtras.joinConnections} clients connected, authenticated and joined in ${enclaveExtras.joinMs.toFixed(0)} ms ` +
        `(warm server, best of 3; first round after start-up: ${enclaveExtras.coldJoinMs.toFixed(0)} ms)`,
    );
    const m = enclaveExtras.idle;
    console.log(
      `Enclave: ${m.connections} idle authenticated connections: RSS ${m.baselineRssMb.toFixed(0)} MB -> ${m.loadedRssMb.toFixed(0)} MB, ` +
        `${(m.bytesPerConnection / 1024).toFixed(1)} KB per connection (connected in ${m.connectMs.toFixed(0)} ms)`,
    );
  }
}

const SATURATION_CONNECTIONS = 1000;
const SATURATION_RATES = [40, 60, 80, 100, 120, 140, 160, 200, 250];
const SATURATION_MAX_P99_MS = 1000;

interface SaturationResult {
  readonly system: string;
  readonly best: Measurement | undefined;
  readonly failedAt: Measurement | undefined;
}

/** Ramps the rate with N=1000 until a run delivers < 99.9% or falls behind (p99 over a second). */
async function rampAll(systems: readonly System[], seconds: number): Promise<SaturationResult[]> {
  const results: SaturationResult[] = [];
  for (const system of systems) {
    let best: Measurement | undefined;
    let failedAt: Measurement | undefined;
    for (const rate of SATURATION_RATES) {
      const scenario = { connections: SATURATION_CONNECTIONS, ratePerSecond: rate };
      const started = await system.start(scenario);
      let result: Measurement;
      try {
        result = await measure(system.name, started.server.pid, { ...started.plan, connections: scenario.connections, senders: SENDERS, ratePerSecond: rate, durationSeconds: seconds });
      } finally {
        await started.stop();
      }
      const ok = result.delivered >= 0.999 * result.expected && result.p99 < SATURATION_MAX_P99_MS;
      console.log(`saturation ${system.name} ${rate} msg/s: ${((result.delivered / Math.max(result.expected, 1)) * 100).toFixed(2)}% delivered, p99 ${result.p99.toFixed(1)} ms ${ok ? 'ok' : 'FAILED'}`);
      if (!ok) {
        failedAt = result;
        break;
      }
      best = result;
    }
    results.push({ system: system.name, best, failedAt });
  }
  return results;
}

function formatSaturation(results: readonly SaturationResult[]): string {
  const present = CEILINGS.filter(([system]) => results.some((r) => r.system === system && r.best));
  const header = ['system', 'sustained msg/s', 'deliveries/s', 'p99 ms', 'server CPU', 'first failing rate', ...present.map(([, label]) => label)];
  const lines = results.map((r) => [
    r.system,
    r.best ? String(r.best.ratePerSecond) : '< ' + SATURATION_RATES[0],
    r.best ? r.best.deliveredPerSecond.toFixed(0) : '-',
    r.best ? r.best.p99.toFixed(2) : '-',
    r.best ? `${r.best.serverCpuPercent.toFixed(0)}%` : '-',
    r.failedAt ? `${r.failedAt.ratePerSecond} (${((r.failedAt.delivered / Math.max(r.failedAt.expected, 1)) * 100).toFixed(2)}%, p99 ${r.failedAt.p99.toFixed(0)} ms)` : 'none up to ' + SATURATION_RATES.at(-1),
    ...present.map(([system]) => {
      const ceiling = results.find((c) => c.system === system)?.best;
      return r.best && ceiling && r.system !== system ? `${(r.best.deliveredPerSecond / ceiling.deliveredPerSecond).toFixed(2)}×` : '';
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

/** `--scenarios 1000:20,100:50`: N:rate pairs instead of the four. */
function parseScenarios(value: string | undefined): Scenario[] | undefined {
  if (!value) return undefined;
  return value.split(',').map((pair) => {
    const [connections, rate] = pair.split(':').map(Number);
    if (!(connections > 0 && rate > 0)) throw new Error(`--scenarios: expected N:rate pairs, got ${pair}`);
    return { connections, ratePerSecond: rate };
  });
}

