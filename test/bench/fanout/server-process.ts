import type { ChildProcess } from 'node:child_process';
import { spawnNode, type PinnedProcess } from '../pinned-process.js';

export type SpawnedProcess = PinnedProcess;

/**
 * Spawns `node <script> ...args` pinned to one CPU (spawnNode, which also runs it under the CPU
 * profiler with `ENCLAVE_BENCH_CPU_PROF=<dir>`) and resolves once a line of its output matches
 * `ready` (the match is returned).
 */
export async function spawnPinned(
  cpu: number,
  script: string,
  args: readonly string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 60_000,
): Promise<{ process: SpawnedProcess; match: RegExpExecArray }> {
  const pinned = spawnNode(cpu, script, args, env);
  try {
    return { process: pinned, match: await pinned.waitForLine(ready, timeoutMs) };
  } catch (error) {
    await pinned.stop();
    throw error;
  }
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
