import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { planArgument, type LoadPlan, type LoadResult } from './load-generator.js';
import { CpuMeter, childPids, rssBytes } from './process-stats.js';
import { onLines } from './server-process.js';

export const LOAD_CPU = 1;
export const SERVER_CPU = 0;

export interface Measurement extends LoadResult {
  readonly system: string;
  readonly ratePerSecond: number;
  readonly connections: number;
  readonly serverCpuPercent: number;
  readonly serverRssMb: number;
  readonly deliveredPerSecond: number;
}

/** Runs one load plan against a started server process, measuring the server's CPU and RSS. */
export function measure(system: string, serverPid: number, plan: LoadPlan): Promise<Measurement> {
  const script = join(import.meta.dirname, 'load-generator.js');
  const child = spawn('taskset', ['-c', String(LOAD_CPU), process.execPath, script, planArgument(plan)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const meter = new CpuMeter(() => [serverPid, ...childPids(serverPid)]);
  let cpu = 0;
  let rss = 0;
  return new Promise((resolve, reject) => {
    onLines(child, (line) => {
      if (line === 'RUNNING') {
        meter.start();
        toggleProfiler(serverPid);
      } else if (line === 'DONE') {
        cpu = meter.percentOfOneCore();
        toggleProfiler(serverPid);
        rss = [serverPid, ...childPids(serverPid)].reduce((s, p) => s + safeRss(p), 0);
      } else if (line.startsWith('RESULT ')) {
        const result = JSON.parse(line.slice(7)) as LoadResult;
        resolve({
          ...result,
          system,
          ratePerSecond: plan.ratePerSecond,
          connections: plan.connections,
          serverCpuPercent: cpu,
          serverRssMb: rss / 1024 / 1024,
          deliveredPerSecond: result.delivered / Math.max(result.durationSeconds, 1e-9),
        });
      }
    });
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`load generator exited with ${code}`))));
  });
}

/** Under ENCLAVE_BENCH_CPU_PROF the server runs in profiled-server.js: SIGUSR2 starts, then stops and writes, its profile. */
function toggleProfiler(pid: number): void {
  if (process.env.ENCLAVE_BENCH_CPU_PROF) process.kill(pid, 'SIGUSR2');
}

function safeRss(pid: number): number {
  try {
    return rssBytes(pid);
  } catch {
    return 0;
  }
}

/** The ceilings Enclave is compared with, by system name, and their column labels. */
export const CEILINGS: ReadonlyArray<readonly [system: string, label: string]> = [
  ['bare ws', 'vs ws'],
  ['bare socket.io', 'vs socket.io'],
  ['ws + PostgreSQL', 'vs ws+pg'],
];

/**
 * One row per run. For Enclave, a column per ceiling measured at the same N and rate: the ratio
 * of deliveries/s and, in brackets, of server CPU (what the same work costs; at fixed rates
 * with everything delivered the first ratio is 1.00 and the CPU ratio is the telling one).
 */
export function formatTable(rows: readonly Measurement[]): string {
  const ceilingOf = (r: Measurement, system: string) => rows.find((c) => c.system === system && c.connections === r.connections && c.ratePerSecond === r.ratePerSecond);
  const present = CEILINGS.filter(([system]) => rows.some((r) => r.system === system));
  const header = ['system', 'N', 'msg/s', 'delivered/s', 'delivered', 'p50 ms', 'p99 ms', 'p99.9 ms', 'server CPU', 'server RSS', ...present.map(([, label]) => label)];
  const lines = rows.map((r) => {
    const isCeiling = CEILINGS.some(([system]) => system === r.system);
    return [
      r.system,
      String(r.connections),
      String(r.ratePerSecond),
      r.deliveredPerSecond.toFixed(0),
      `${((r.delivered / Math.max(r.expected, 1)) * 100).toFixed(2)}%`,
      r.p50.toFixed(2),
      r.p99.toFixed(2),
      r.p999.toFixed(2),
      `${r.serverCpuPercent.toFixed(0)}%`,
      `${r.serverRssMb.toFixed(0)} MB`,
      ...present.map(([system]) => {
        const ceiling = isCeiling ? undefined : ceilingOf(r, system);
        if (!ceiling) return '';
        return `${(r.deliveredPerSecond / ceiling.deliveredPerSecond).toFixed(2)}× (CPU ${(r.serverCpuPercent / Math.max(ceiling.serverCpuPercent, 1e-9)).toFixed(1)}×)`;
      }),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}
