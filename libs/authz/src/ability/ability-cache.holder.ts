import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import { AbilityCache } from './ability-cache.js';

/** Sessions whose abilities one node keeps; beyond this the least recently used are rebuilt on demand. */
const MAX_CACHED_SESSIONS = 20_000;

/** The node's one AbilityCache, as a provider (AbilityService reads it, AuthzInvalidation clears it). */
@Injectable()
export class AbilityCacheHolder {
  readonly cache: AbilityCache;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cache = new AbilityCache(MAX_CACHED_SESSIONS, config.authz.abilityCacheTtlSeconds * 1000);
  }
}
