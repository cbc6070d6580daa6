import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", utime and stime are fields 12 and 13 (0-based 11 and 12).
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Total over a process and its descendants (the embedded database runs inside the server). */
export function childPids(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    if (!children) return [];
    return children.split(/\s+/).map(Number).flatMap((c) => [c, ...childPids(c)]);
  } catch {
    return [];
  }
}

export class CpuMeter {
  private startCpu = 0;
  private startWall = 0;
  constructor(private readonly pids: () => number[]) {}

  start(): void {
    this.startCpu = this.total();
    this.startWall = performance.now();
  }

  /** Average CPU use since start(), as a percentage of one core. */
  percentOfOneCore(): number {
    const wall = (performance.now() - this.startWall) / 1000;
    return wall > 0 ? ((this.total() - this.startCpu) / wall) * 100 : 0;
  }

  private total(): number {
    return this.pids().reduce((sum, pid) => {
      try {
        return sum + cpuSeconds(pid);
      } catch {
        return sum;
      }
    }, 0);
  }
}
