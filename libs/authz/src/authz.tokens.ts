import type { Redis } from 'ioredis';

/** The ioredis client authz publishes invalidations and rate-caps denial audits with. */
export const AUTHZ_REDIS = Symbol('AUTHZ_REDIS');

/** The options AuthzModule.forRoot was given. */
export const AUTHZ_OPTIONS = Symbol('AUTHZ_OPTIONS');

export interface AuthzModuleOptions {
  /** The app's shared client; omitted: authz connects to REDIS_URL itself (tests). */
  readonly redis?: Redis;
}
