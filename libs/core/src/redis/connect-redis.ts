import { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';

export class RedisUnreachableError extends Error {}

/**
 * Connects and pings once before Nest starts, so that a missing Redis is one clear line
 * at start-up instead of a stream of reconnect errors.
 */
export async function connectRedis(config: AppConfig, connectionName: string): Promise<Redis> {
  const client = new Redis(config.redis.url, {
    connectionName,
    lazyConnect: true,
    maxRetriesPerRequest: 3,
    connectTimeout: 3000,
    // Fail the initial connect fast; reconnect with backoff once we have been up.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  client.on('error', () => {
    // ioredis logs nothing by itself; readiness reports Redis state. Swallow to avoid crashes.
  });
  try {
    await withTimeout(client.connect(), 3500);
    await withTimeout(client.ping(), 2000);
    return client;
  } catch (error) {
    client.disconnect();
    const where = redactUrl(config.redis.url);
    throw new RedisUnreachableError(
      `Redis is not reachable at ${where} (${(error as Error).message}). Start one, e.g. ` +
        `"redis-server --daemonize yes --bind 127.0.0.1 --port 6379", or set REDIS_URL.`,
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** URLs can carry passwords: print host and port only. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || '(default port)'}`;
  } catch {
    return '(invalid URL)';
  }
}
