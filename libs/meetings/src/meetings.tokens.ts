import type { Redis } from 'ioredis';

/** The app's shared Redis connection (commands); the media client duplicates it for subscriptions. */
export const MEETINGS_REDIS = Symbol('MEETINGS_REDIS');

export interface MeetingsModuleOptions {
  readonly redis: Redis;
}
