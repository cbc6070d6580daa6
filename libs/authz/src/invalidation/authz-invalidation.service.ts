import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AbilityCacheHolder } from '../ability/ability-cache.holder.js';
import { SchemeCache } from '../schemes/scheme.cache.js';
import { AUTHZ_REDIS } from '../authz.tokens.js';

/** What changed; every node drops what depends on it. */
export type InvalidationMessage =
  | { readonly scope: 'users'; readonly userIds: readonly string[] }
  | { readonly scope: 'all' }
  | { readonly scope: 'schemes'; readonly conversationId: string | null };

const MAX_USERS_PER_MESSAGE = 1000;

/**
 * Keeps every node's ability and scheme caches in step with the database. Changes are
 * announced after their transaction commits (a rolled-back grant invalidates nothing), applied
 * locally at once and published on a Redis channel every node subscribes to (a dedicated
 * subscriber connection). If Redis drops a message, the cache TTL bounds the staleness.
 *
 * Call it from anything that changes what an ability is built from: role grants (this
 * module), group membership and account state (account administration).
 */
@Injectable()
export class AuthzInvalidation implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AuthzInvalidation');
  private readonly channel: string;
  private subscriber: Redis | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(AUTHZ_REDIS) private readonly redis: Redis,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AbilityCacheHolder) private readonly abilities: AbilityCacheHolder,
    @Inject(SchemeCache) private readonly schemes: SchemeCache,
  ) {
    this.channel = `${config.redis.keyPrefix}authz:invalidate`;
  }

  async onModuleInit(): Promise<void> {
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (error: unknown) => this.logger.warn({ err: error }, 'authz invalidation subscriber error'));
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.channel) this.applyText(text);
    });
    await subscriber.subscribe(this.channel);
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  /** These users' roles, groups or account state changed. */
  usersChanged(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return Promise.resolve();
    if (userIds.length > MAX_USERS_PER_MESSAGE) return this.announce({ scope: 'all' });
    return this.announce({ scope: 'users', userIds: [...new Set(userIds)] });
  }

  /** A role's permissions or a group's grants changed: anyone may be affected. */
  everyoneChanged(): Promise<void> {
    return this.announce({ scope: 'all' });
  }

  /** The default scheme (null) or one channel's override changed. */
  schemeChanged(conversationId: string | null): Promise<void> {
    return this.announce({ scope: 'schemes', conversationId });
  }

  private async announce(message: InvalidationMessage): Promise<void> {
    await this.tx.afterCommit(async () => {
      this.apply(message);
      try {
        await this.redis.publish(this.channel, JSON.stringify(message));
      } catch (error) {
        // Other nodes catch up when their cache entries expire; this node is already current.
        this.logger.warn({ err: error }, 'could not publish an authz invalidation');
      }
    });
  }

  private applyText(text: string): void {
    try {
      this.apply(JSON.parse(text) as InvalidationMessage);
    } catch (error) {
      this.logger.warn({ err: error }, 'ignoring a malformed authz invalidation');
    }
  }

  private apply(message: InvalidationMessage): void {
    if (message.scope === 'users' && Array.isArray(message.userIds)) this.abilities.cache.invalidateUsers(message.userIds);
    else if (message.scope === 'schemes') this.schemes.invalidate(typeof message.conversationId === 'string' ? message.conversationId : null);
    else this.abilities.cache.clear();
  }
}
