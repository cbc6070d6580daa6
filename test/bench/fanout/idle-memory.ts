import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { planArgument, type LoadPlan } from './load-generator.js';
import { LOAD_CPU } from './fanout-runner.js';
import { childPids, rssBytes } from './process-stats.js';
import { onLines } from './server-process.js';

export interface IdleMemory {
  readonly connections: number;
  readonly connectMs: number;
  readonly baselineRssMb: number;
  readonly loadedRssMb: number;
  readonly bytesPerConnection: number;
}

const SETTLE_MS = 3000;

/**
 * Opens `plan.connections` idle, authenticated connections (LoadPlan.idleOnly) and compares the
 * server's resident memory before and after, once it has settled: memory per idle connection.
 */
export async function measureIdleMemory(serverPid: number, plan: LoadPlan): Promise<IdleMemory> {
  const total = () => [serverPid, ...childPids(serverPid)].reduce((s, p) => s + rssBytes(p), 0);
  await sleep(SETTLE_MS);
  const baseline = total();
  const script = join(import.meta.dirname, 'load-generator.js');
  const child = spawn('taskset', ['-c', String(LOAD_CPU), process.execPath, script, planArgument({ ...plan, idleOnly: true })], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connectMs = await new Promise<number>((resolve, reject) => {
    onLines(child, (line) => {
      if (line.startsWith('CONNECTED ')) resolve(Number(line.slice(10)));
    });
    child.on('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
  });
  await sleep(SETTLE_MS);
  const loaded = total();
  child.stdin.write('STOP\n');
  await new Promise((r) => child.once('exit', r));
  return {
    connections: plan.connections,
    connectMs,
    baselineRssMb: baseline / 1024 / 1024,
    loadedRssMb: loaded / 1024 / 1024,
    bytesPerConnection: (loaded - baseline) / plan.connections,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
