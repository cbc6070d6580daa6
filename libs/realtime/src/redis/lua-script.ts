import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type LuaReply = string | number | null | LuaReply[];

/**
 * A Lua script run by its SHA (EVALSHA) with a one-time EVAL fallback after a Redis restart
 * or on a fresh server. Scripts make read-modify-write steps atomic across every node.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<LuaReply> {
    try {
      return (await redis.evalsha(this.sha, keys.length, ...keys, ...args)) as LuaReply;
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return (await redis.eval(this.source, keys.length, ...keys, ...args)) as LuaReply;
    }
  }
}
