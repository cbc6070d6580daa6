import { describe, expect, it } from '@jest/globals';
import type { MediaNodeStatus } from '@enclave/contracts';
import { isAlive, parseNodes, pickLeastLoaded } from './media-placement.js';

const node = (nodeId: string, over: Partial<MediaNodeStatus> = {}): MediaNodeStatus => ({
  nodeId,
  address: '127.0.0.1',
  meetings: 0,
  participants: 0,
  streamsOut: 0,
  cpuPercent: 0,
  startedAt: '',
  heartbeatAt: 10_000,
  heartbeatSeconds: 2,
  ...over,
});

describe('media placement', () => {
  it('picks the node forwarding the fewest streams', () => {
    expect(pickLeastLoaded([node('a', { streamsOut: 10 }), node('b', { streamsOut: 3 })], 10_000)?.nodeId).toBe('b');
  });

  it('ignores nodes silent for three heartbeats', () => {
    expect(isAlive(node('a'), 16_000)).toBe(true);
    expect(isAlive(node('a'), 16_001)).toBe(false);
    expect(pickLeastLoaded([node('a', { heartbeatAt: 0 }), node('b', { streamsOut: 99 })], 10_000)?.nodeId).toBe('b');
    expect(pickLeastLoaded([node('a', { heartbeatAt: 0 })], 10_000)).toBeUndefined();
  });

  it('breaks ties the same way on every server', () => {
    expect(pickLeastLoaded([node('b'), node('a')], 10_000)?.nodeId).toBe('a');
  });

  it('skips malformed hash entries', () => {
    expect(parseNodes({ a: JSON.stringify(node('a')), b: 'not json', c: JSON.stringify({ nodeId: 'x' }) }).map((n) => n.nodeId)).toEqual(['a']);
  });
});
