import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import { IDENTITY_REDIS } from '../identity.tokens.js';
import { throttleKeyForAddress } from './client-address.js';

export type ThrottleState = { readonly throttled: false } | { readonly throttled: true; readonly retryAfterSeconds: number; readonly firstInWindow: boolean };

/**
 * Per-IP login throttling in Redis, shared by all nodes. It counts failed attempts, not all
 * attempts: a company behind one NAT address signs in hundreds of people at 9 am, while a
 * guesser fails almost every time. Fixed windows (INCR + EXPIRE NX) are cheap and good
 * enough here; the per-account lockout is the precise control. Redis keeps real time, so
 * the window ignores the injected Clock.
 */
@Injectable()
export class LoginThrottle {
  private readonly prefix: string;

  constructor(
    @Inject(IDENTITY_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.prefix = `${config.redis.keyPrefix}identity:login-ip:`;
  }

  /** `firstInWindow` is true once per window so the caller audits a flood once, not per request. */
  async check(ip: string | undefined): Promise<ThrottleState> {
    const key = this.prefix + throttleKeyForAddress(ip);
    const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.ttl(key)]);
    if (Number(count ?? 0) < this.config.auth.loginIpMaxAttempts) return { throttled: false };
    const retryAfterSeconds = ttl > 0 ? ttl : this.config.auth.loginIpWindowSeconds;
    const firstInWindow = (await this.redis.set(`${key}:audited`, '1', 'EX', retryAfterSeconds, 'NX')) === 'OK';
    return { throttled: true, retryAfterSeconds, firstInWindow };
  }

  async recordFailure(ip: string | undefined): Promise<void> {
    const key = this.prefix + throttleKeyForAddress(ip);
    await this.redis.multi().incr(key).expire(key, this.config.auth.loginIpWindowSeconds, 'NX').exec();
  }
}
