import { describe, expect, it } from '@jest/globals';
import { AbilityCache } from './ability-cache.js';
import type { ActorAbility } from './actor-ability.js';

const ability = (userId: string) => ({ userId }) as ActorAbility;

describe('AbilityCache', () => {
  it('expires entries after the TTL (time passed in, never read from the wall clock)', () => {
    const cache = new AbilityCache(10, 1000);
    cache.set('u1:s1', ability('u1'), 0, cache.generation);
    expect(cache.get('u1:s1', 999)?.userId).toBe('u1');
    expect(cache.get('u1:s1', 1000)).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its size', () => {
    const cache = new AbilityCache(2, 60_000);
    cache.set('a', ability('a'), 0, cache.generation);
    cache.set('b', ability('b'), 0, cache.generation);
    cache.get('a', 1);
    cache.set('c', ability('c'), 2, cache.generation);
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('a', 3)).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('drops every session of an invalidated user and refuses builds that started before', () => {
    const cache = new AbilityCache(10, 60_000);
    cache.set('u1:s1', ability('u1'), 0, cache.generation);
    cache.set('u1:s2', ability('u1'), 0, cache.generation);
    cache.set('u2:s1', ability('u2'), 0, cache.generation);
    const before = cache.generation;
    cache.invalidateUsers(['u1']);
    expect(cache.get('u1:s1', 1)).toBeUndefined();
    expect(cache.get('u1:s2', 1)).toBeUndefined();
    expect(cache.get('u2:s1', 1)).toBeDefined();
    expect(cache.set('u1:s1', ability('u1'), 1, before)).toBe(false);
    expect(cache.set('u1:s1', ability('u1'), 1, cache.generation)).toBe(true);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('caches nothing with a TTL of 0', () => {
    const cache = new AbilityCache(10, 0);
    expect(cache.set('a', ability('a'), 0, cache.generation)).toBe(false);
  });
});
