/**
 * CPU use of this process between two samples, in percent of one core (so a busy two-thread
 * process can report more than 100). `process.cpuUsage` counts every thread of the process,
 * which is what placement should see.
 */
export class CpuSampler {
  private last: { cpuMicros: number; wallMicros: number };

  constructor(
    private readonly cpuUsage: () => NodeJS.CpuUsage = () => process.cpuUsage(),
    private readonly nowMicros: () => number = () => Number(process.hrtime.bigint() / 1000n),
  ) {
    this.last = this.read();
  }

  /** Percent of one core since the previous call (or construction), rounded to 0.1. */
  sample(): number {
    const now = this.read();
    const wall = now.wallMicros - this.last.wallMicros;
    const cpu = now.cpuMicros - this.last.cpuMicros;
    this.last = now;
    if (wall <= 0) return 0;
    return Math.round((Math.max(cpu, 0) / wall) * 1000) / 10;
  }

  private read(): { cpuMicros: number; wallMicros: number } {
    const usage = this.cpuUsage();
    return { cpuMicros: usage.user + usage.system, wallMicros: this.nowMicros() };
  }
}
