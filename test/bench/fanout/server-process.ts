import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const PROFILED_SERVER = join(import.meta.dirname, 'profiled-server.js');

export interface SpawnedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Spawns `node <script> ...args` pinned to one CPU with taskset and resolves once its output
 * matches `ready` (the match is returned). With `ENCLAVE_BENCH_CPU_PROF=<dir>` in the bench's
 * environment every server (Enclave and the ceilings alike) runs under the V8 CPU profiler and
 * writes `<dir>/server-<pid>.cpuprofile` when it exits, so profiles compare like with like.
 */
export function spawnPinned(
  cpu: number,
  script: string,
  args: readonly string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 60_000,
): Promise<{ process: SpawnedProcess; match: RegExpExecArray }> {
  const profileDir = process.env.ENCLAVE_BENCH_CPU_PROF;
  const argv = profileDir ? [PROFILED_SERVER, script, profileDir, ...args] : [script, ...args];
  const child = spawn('taskset', ['-c', String(cpu), process.execPath, ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const handle: SpawnedProcess = {
    child,
    get pid() {
      return child.pid!;
    },
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready in ${timeoutMs} ms:\n${output.slice(-3000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-100_000)));
        resolve({ process: handle, match });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-100_000)));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
}

/** Reads the load generator's protocol lines and calls back on each. */
export function onLines(child: ChildProcess, handler: (line: string) => void): void {
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      handler(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  });
}
