import { describe, expect, it } from '@jest/globals';
import { CpuSampler } from './cpu-sampler.js';

describe('CpuSampler', () => {
  it('reports CPU time over wall time since the previous sample, in percent of one core', () => {
    let cpu = 0;
    let wall = 0;
    const sampler = new CpuSampler(
      () => ({ user: cpu * 0.75, system: cpu * 0.25 }),
      () => wall,
    );
    cpu = 250_000;
    wall = 1_000_000;
    expect(sampler.sample()).toBe(25);
    cpu += 3_000_000; // two threads busy for 1.5 s
    wall += 1_500_000;
    expect(sampler.sample()).toBe(200);
    expect(sampler.sample()).toBe(0); // no time passed
  });
});
