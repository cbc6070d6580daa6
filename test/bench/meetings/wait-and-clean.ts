import type { Redis } from 'ioredis';

/** Polls every `intervalMs` until `condition` holds (the node and the clients run on their own timers). */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Deletes every key under a test or bench run's own Redis key prefix. */
export async function deletePrefixedKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}
