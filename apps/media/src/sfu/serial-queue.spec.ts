import { describe, expect, it } from '@jest/globals';
import { SerialQueue } from './serial-queue.js';

describe('SerialQueue', () => {
  it('runs tasks one at a time in order, and a failure does not block the next', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = queue.run(async () => {
      log.push('first:start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      log.push('first:end');
    });
    const second = queue.run(() => {
      log.push('second');
      return Promise.reject(new Error('boom'));
    });
    const third = queue.run(() => Promise.resolve(log.push('third')));
    await Promise.resolve();
    expect(log).toEqual(['first:start']);
    releaseFirst();
    await first;
    await expect(second).rejects.toThrow('boom');
    await third;
    expect(log).toEqual(['first:start', 'first:end', 'second', 'third']);
  });
});
