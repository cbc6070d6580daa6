import { randomBytes } from 'node:crypto';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import request from 'supertest';
import { Clock, ConfigModule, SYSTEM_ACTOR, loadConfig, type AppConfig } from '@enclave/core';
import { DatabaseModule } from '@enclave/database';
import { AuditModule } from '@enclave/audit';
import { IdentityModule, UsersService, type CreateUserInput, type UserRecord } from '@enclave/identity';
import { configureHttpApp } from '../../../apps/server/src/http/configure-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A clock tests move by hand: lockout expiry, token expiry and TOTP steps without sleeping. */
export class FakeClock extends Clock {
  private current: number;

  constructor(start = Date.now()) {
    super();
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

export interface AuditRow {
  action: string;
  outcome: string;
  actor_user_id: string | null;
  actor_session_id: string | null;
  actor_ip: string | null;
  actor_system: boolean;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  after: unknown;
  details: Record<string, unknown> | null;
}

export interface IdentityTestApp {
  readonly app: INestApplication;
  readonly config: AppConfig;
  readonly db: TestDatabase;
  readonly redis: Redis;
  readonly clock: FakeClock;
  /** supertest against the app's HTTP server. */
  http(): ReturnType<typeof request>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Audit rows, oldest first, optionally only those of one action. */
  auditRows(action?: string): Promise<AuditRow[]>;
  createUser(input: Partial<CreateUserInput> & { username: string; password?: string }): Promise<UserRecord>;
  close(): Promise<void>;
}

export interface IdentityTestAppOptions {
  /** Environment overrides on top of the test defaults (e.g. LOGIN_MAX_FAILURES). */
  readonly env?: Record<string, string | undefined>;
  /** Extra modules (e.g. a LoggerModule that captures output). */
  readonly imports?: Array<Type | DynamicModule>;
  /** Extra modules that need the app's IdentityModule instance (e.g. IdentityAdminModule). */
  readonly withIdentity?: (identity: DynamicModule) => Array<Type | DynamicModule>;
}

/** Redis on the same host as the test PostgreSQL. */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The real IdentityModule + DatabaseModule + AuditModule over a fresh database and a unique
 * Redis key prefix, behind the server's own HTTP edge (validation pipe, error filter).
 * TRUST_PROXY is on so each test can act from its own address via X-Forwarded-For.
 */
export async function createIdentityTestApp(options: IdentityTestAppOptions = {}): Promise<IdentityTestApp> {
  const prefix = `enclave-medium-${randomBytes(4).toString('hex')}:`;
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const db = await createTestDatabase({ prefix: 'enclave_identity' });
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  const clock = new FakeClock();
  let app: INestApplication | undefined;
  const identity = IdentityModule.forRoot({ redis });
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(db.dataSource),
        AuditModule.forRoot({ runSealer: false }),
        identity,
        ...(options.imports ?? []),
        ...(options.withIdentity?.(identity) ?? []),
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    configureHttpApp(app, config);
    await app.init();
  } catch (error) {
    await app?.close().catch(() => undefined);
    redis.disconnect();
    await db.drop();
    throw error;
  }
  const started = app;
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);
  return {
    app: started,
    config,
    db,
    redis,
    clock,
    http: () => request(started.getHttpServer()),
    query,
    auditRows: (action) =>
      query<AuditRow>(
        `SELECT action, outcome, actor_user_id, actor_session_id, actor_ip, actor_system, target_type, target_id, before, after, details
           FROM audit_event WHERE $1::text IS NULL OR action = $1 ORDER BY id`,
        [action ?? null],
      ),
    createUser: (input) => started.get(UsersService).create(SYSTEM_ACTOR, { displayName: input.username, ...input }),
    async close() {
      await started.close(); // also closes the DataSource (DatabaseModule shutdown hook)
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await db.drop();
    },
  };
}

let addressCounter = 0;

/** A distinct client address per call, so per-IP throttling in one test does not affect another. */
export function uniqueIp(): string {
  addressCounter += 1;
  return `198.51.${100 + Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}
