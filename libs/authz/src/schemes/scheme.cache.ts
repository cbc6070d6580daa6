import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import type { SchemeGrants } from '../roles/channel-permissions.js';

interface Entry {
  readonly scheme: SchemeGrants | null;
  readonly expiresAtMs: number;
}

/** Conversations whose scheme (or lack of one) a node remembers. */
const MAX_CONVERSATIONS = 50_000;

/**
 * Per-node memory of the default scheme and of which conversations override it (most do
 * not: `null` is cached too, so a conversation costs one look-up per TTL). Invalidated by
 * AuthzInvalidation on every node when a scheme changes.
 */
@Injectable()
export class SchemeCache {
  private defaultScheme: Entry | undefined;
  private readonly overrides = new Map<string, Entry>();
  private generation = 0;
  private readonly ttlMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Schemes change rarely and invalidation is explicit; the TTL only covers lost messages.
    this.ttlMs = Math.max(config.authz.abilityCacheTtlSeconds, 1) * 1000;
  }

  get currentGeneration(): number {
    return this.generation;
  }

  getDefault(nowMs: number): SchemeGrants | undefined {
    const entry = this.defaultScheme;
    return entry && entry.expiresAtMs > nowMs ? (entry.scheme ?? undefined) : undefined;
  }

  setDefault(scheme: SchemeGrants, nowMs: number, generation: number): void {
    if (generation === this.generation) this.defaultScheme = { scheme, expiresAtMs: nowMs + this.ttlMs };
  }

  /** undefined: not cached; null: cached as "no override". */
  getOverride(conversationId: string, nowMs: number): SchemeGrants | null | undefined {
    const entry = this.overrides.get(conversationId);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= nowMs) {
      this.overrides.delete(conversationId);
      return undefined;
    }
    return entry.scheme;
  }

  setOverride(conversationId: string, scheme: SchemeGrants | null, nowMs: number, generation: number): void {
    if (generation !== this.generation) return;
    this.overrides.delete(conversationId);
    this.overrides.set(conversationId, { scheme, expiresAtMs: nowMs + this.ttlMs });
    while (this.overrides.size > MAX_CONVERSATIONS) {
      const oldest = this.overrides.keys().next().value;
      if (oldest === undefined) break;
      this.overrides.delete(oldest);
    }
  }

  /** null: the default changed (everything derived from it goes). */
  invalidate(conversationId: string | null): void {
    this.generation += 1;
    if (conversationId === null) {
      this.defaultScheme = undefined;
      this.overrides.clear();
    } else {
      this.overrides.delete(conversationId);
    }
  }
}
