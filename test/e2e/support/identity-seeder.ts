/**
 * Users and signed-in sessions for realtime tests, made through identity's own services
 * (UsersService, SessionsService) in a Nest context on the same database as the started
 * server, so tokens are signed with the key the server shares (system_setting). No password
 * hashing: the accounts are password-less, which is also what makes 1,000 of them quick.
 */
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Clock, ConfigModule, SYSTEM_ACTOR, SystemClock, loadConfig } from '@enclave/core';
import { DatabaseModule, createDataSource } from '@enclave/database';
import { AuditModule } from '@enclave/audit';
import { IdentityModule, SessionsService, UsersService, type UserRecord } from '@enclave/identity';

export interface SeededUser {
  readonly id: string;
  readonly username: string;
  readonly sessionId: string;
  readonly token: string;
}

/** A clock fixed in the past, to mint tokens that are already expired. */
class PastClock extends Clock {
  constructor(private readonly offsetMs: number) {
    super();
  }
  now(): Date {
    return new Date(Date.now() - this.offsetMs);
  }
}

export class IdentitySeeder {
  private constructor(
    private readonly context: INestApplicationContext,
    private readonly redis: Redis,
  ) {}

  static async open(databaseUrl: string, redisPrefix: string, clockOffsetMs = 0): Promise<IdentitySeeder> {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, REDIS_KEY_PREFIX: redisPrefix, LOG_LEVEL: 'silent' });
    const dataSource = createDataSource({ url: databaseUrl, schema: 'public', poolSize: 4, entities: [], applicationName: 'enclave-test-seeder' });
    await dataSource.initialize();
    const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
    await redis.connect();
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(dataSource), AuditModule.forRoot({ runSealer: false }), IdentityModule.forRoot({ redis })],
    })
      .overrideProvider(Clock)
      .useValue(clockOffsetMs > 0 ? new PastClock(clockOffsetMs) : new SystemClock())
      .compile();
    const context = await moduleRef.init();
    return new IdentitySeeder(context, redis);
  }

  private readonly records = new Map<string, UserRecord>();

  async user(username: string): Promise<SeededUser> {
    const user = await this.context.get(UsersService).create(SYSTEM_ACTOR, { username, displayName: username });
    this.records.set(user.id, user);
    return this.session(user.id);
  }

  /** Another signed-in session (a second device) of a user this seeder created. */
  async session(userId: string): Promise<SeededUser> {
    const record = this.records.get(userId);
    if (!record) throw new Error(`unknown user ${userId}`);
    const actor = { ...SYSTEM_ACTOR, system: false, ip: '127.0.0.1', userAgent: 'realtime-e2e' };
    const started = await this.context.get(SessionsService).start(actor, record, false);
    return { id: record.id, username: record.username, sessionId: started.sessionId, token: started.accessToken };
  }

  async close(): Promise<void> {
    await this.context.close();
    this.redis.disconnect();
  }
}
