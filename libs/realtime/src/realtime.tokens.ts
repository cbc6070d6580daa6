import type { Redis } from 'ioredis';

/** The ioredis client the server hands to `RealtimeModule.forRoot({ redis })` (commands and scripts). */
export const REALTIME_REDIS = Symbol('REALTIME_REDIS');

export interface RealtimeModuleOptions {
  readonly redis: Redis;
}
