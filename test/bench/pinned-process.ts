import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const HAS_TASKSET = spawnSync('taskset', ['-V']).status === 0;
const PROFILED_SERVER = join(import.meta.dirname, 'fanout', 'profiled-server.js');

export interface PinnedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it printed so far (the tail). */
  output(): string;
  /** Resolves with the first line matching `pattern`, printed from now on or earlier. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

/**
 * `node <script> ...args` on one CPU (taskset, where installed) so the process under test and
 * the load generator do not share a core. With `ENCLAVE_BENCH_CPU_PROF=<dir>` in the bench's
 * environment it runs under the V8 CPU profiler (fanout/profiled-server.ts), so every bench's
 * processes can be profiled alike.
 */
export function spawnNode(cpu: number, script: string, args: readonly string[], env: NodeJS.ProcessEnv): PinnedProcess {
  const profileDir = process.env.ENCLAVE_BENCH_CPU_PROF;
  const argv = profileDir ? [PROFILED_SERVER, script, profileDir, ...args] : [script, ...args];
  const command = HAS_TASKSET ? 'taskset' : process.execPath;
  const commandArgs = HAS_TASKSET ? ['-c', String(cpu), process.execPath, ...argv] : argv;
  const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  return {
    child,
    get pid() {
      return child.pid!;
    },
    output: () => output,
    waitForLine(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.split('\n').map((line) => pattern.exec(line)).find((m): m is RegExpExecArray => m !== null);
          if (match) {
            cleanup();
            resolve(match);
          } else if (child.exitCode !== null) {
            cleanup();
            reject(new Error(`${script} exited with ${child.exitCode}:\n${output.slice(-3000)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${script}: no line matching ${pattern} in ${timeoutMs} ms:\n${output.slice(-3000)}`));
        }, timeoutMs);
        const onExit = () => check();
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', onExit);
        };
        waiters.add(check);
        child.on('exit', onExit);
        check();
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

export const tasksetAvailable = HAS_TASKSET;
