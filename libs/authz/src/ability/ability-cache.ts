import type { ActorAbility } from './actor-ability.js';

interface Entry {
  readonly ability: ActorAbility;
  readonly userId: string;
  readonly expiresAtMs: number;
}

/**
 * Per-session abilities: an LRU (Map insertion order) with a TTL. The TTL bounds how stale an
 * entry can get if an invalidation message is lost (Redis restart); explicit invalidation
 * (AuthzInvalidation, Redis pub/sub) makes role changes effective at once on every node.
 *
 * A build that started before an invalidation must not repopulate the cache with what it
 * read: `generation` moves on every invalidation and `set` refuses results of older ones.
 */
export class AbilityCache {
  private readonly entries = new Map<string, Entry>();
  private readonly keysByUser = new Map<string, Set<string>>();
  private currentGeneration = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get generation(): number {
    return this.currentGeneration;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, nowMs: number): ActorAbility | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= nowMs) {
      this.delete(key);
      return undefined;
    }
    // Refresh recency: re-insert at the end of the Map's order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.ability;
  }

  set(key: string, ability: ActorAbility, nowMs: number, generation: number): boolean {
    if (generation !== this.currentGeneration || this.ttlMs <= 0) return false;
    this.delete(key);
    this.entries.set(key, { ability, userId: ability.userId, expiresAtMs: nowMs + this.ttlMs });
    let keys = this.keysByUser.get(ability.userId);
    if (!keys) this.keysByUser.set(ability.userId, (keys = new Set()));
    keys.add(key);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return true;
  }

  invalidateUsers(userIds: Iterable<string>): void {
    this.currentGeneration += 1;
    for (const userId of userIds) {
      for (const key of this.keysByUser.get(userId) ?? []) this.entries.delete(key);
      this.keysByUser.delete(userId);
    }
  }

  clear(): void {
    this.currentGeneration += 1;
    this.entries.clear();
    this.keysByUser.clear();
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const keys = this.keysByUser.get(entry.userId);
    keys?.delete(key);
    if (keys?.size === 0) this.keysByUser.delete(entry.userId);
  }
}
