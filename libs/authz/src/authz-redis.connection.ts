import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import { AUTHZ_OPTIONS, type AuthzModuleOptions } from './authz.tokens.js';

/** The app's Redis client, or one authz opened itself (and then closes on shutdown). */
@Injectable()
export class AuthzRedisConnection implements OnApplicationShutdown {
  readonly client: Redis;
  private readonly owned: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(AUTHZ_OPTIONS) options: AuthzModuleOptions) {
    this.owned = options.redis === undefined;
    this.client = options.redis ?? new Redis(config.redis.url, { maxRetriesPerRequest: 2 });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.owned) await this.client.quit().catch(() => this.client.disconnect());
  }
}
