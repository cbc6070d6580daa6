/** Latency samples in milliseconds; percentiles computed once at the end by sorting. */
export class LatencyRecorder {
  private samples: Float64Array;
  private count = 0;

  constructor(capacity = 1 << 20) {
    this.samples = new Float64Array(capacity);
  }

  record(ms: number): void {
    if (this.count === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.count++] = ms;
  }

  get size(): number {
    return this.count;
  }

  percentiles(ps: readonly number[]): number[] {
    if (this.count === 0) return ps.map(() => Number.NaN);
    const sorted = this.samples.slice(0, this.count).sort();
    return ps.map((p) => sorted[Math.min(this.count - 1, Math.floor((p / 100) * this.count))]);
  }
}
