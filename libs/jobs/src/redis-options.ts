import type { AppConfig } from '@enclave/core';
import type { RedisOptions } from 'ioredis';

/**
 * Every BullMQ key lives under REDIS_KEY_PREFIX (so test runs and co-hosted installs are
 * isolated, and removing the prefix removes the queues): `<prefix>bull:<queue>:…`.
 */
export function bullPrefix(config: AppConfig): string {
  return `${config.redis.keyPrefix}bull`;
}

/** Workers block on Redis and must never give up a command (BullMQ requires maxRetriesPerRequest: null). */
export function workerRedisOptions(): RedisOptions {
  return { maxRetriesPerRequest: null, enableReadyCheck: false, connectionName: 'enclave-jobs-worker' };
}

/** Producers fail fast instead: an enqueue that cannot reach Redis is reported, not retried forever. */
export function producerRedisOptions(): RedisOptions {
  return { maxRetriesPerRequest: 3, connectTimeout: 3000, connectionName: 'enclave-jobs-producer' };
}
