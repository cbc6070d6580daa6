import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import { REALTIME_REDIS } from '../realtime.tokens.js';
import { LuaScript } from '../redis/lua-script.js';

/**
 * Token bucket per user in Redis, so the limit holds across a user's devices and every node.
 * Time comes from Redis (TIME) so nodes with skewed clocks agree. Returns 0 when allowed,
 * otherwise the milliseconds until one token is available.
 */
const TAKE = new LuaScript(`
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return wait
`);

@Injectable()
export class SendRateLimiter {
  private readonly prefix: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REALTIME_REDIS) private readonly redis: Redis,
  ) {
    this.prefix = `${config.redis.keyPrefix}realtime:rate:`;
  }

  /** Takes one token for `userId`; resolves to 0 or the retry delay in milliseconds. */
  async take(userId: string): Promise<number> {
    const { sendRatePerSecond, sendBurst } = this.config.realtime;
    const wait = await TAKE.run(this.redis, [this.prefix + userId], [sendRatePerSecond, sendBurst]);
    return Number(wait);
  }
}
