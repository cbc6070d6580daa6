import type { Redis } from 'ioredis';

/** The ioredis client the server hands to `IdentityModule.forRoot({ redis })` (per-IP login throttling). */
export const IDENTITY_REDIS = Symbol('IDENTITY_REDIS');

export interface IdentityModuleOptions {
  readonly redis: Redis;
}
