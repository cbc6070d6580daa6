import { describe, expect, it } from '@jest/globals';
import { ListenerSet } from './listener-set.js';

describe('ListenerSet', () => {
  it('delivers to every listener, isolating ones that throw or reject, until unsubscribed', async () => {
    const failures: string[] = [];
    const set = new ListenerSet<string>((error, event) => failures.push(`${event}:${(error as Error).message}`));
    const seen: string[] = [];
    const off = set.add((e) => void seen.push(`a${e}`));
    set.add(() => {
      throw new Error('sync');
    });
    set.add(() => Promise.reject(new Error('async')));
    set.add((e) => void seen.push(`d${e}`));
    set.emit('1');
    await Promise.resolve();
    expect(seen).toEqual(['a1', 'd1']);
    expect(failures).toEqual(['1:sync', '1:async']);
    off();
    set.emit('2');
    expect(seen).toEqual(['a1', 'd1', 'd2']);
  });
});
