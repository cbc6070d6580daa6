/**
 * Seeds a started Enclave server's database for the fan-out benchmark: password-less users
 * and signed-in sessions through identity's own services (a Nest context on the same
 * database, so tokens carry the key every node shares), then one public channel with all of
 * them as members through the real REST API.
 */
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { Clock, ConfigModule, SYSTEM_ACTOR, SystemClock, loadConfig } from '@enclave/core';
import { DatabaseModule, createDataSource } from '@enclave/database';
import { AuditModule } from '@enclave/audit';
import { IdentityModule, SessionsService, UsersService } from '@enclave/identity';

export interface SeededChannel {
  readonly channelId: string;
  readonly tokens: string[];
}

const INVITE_BATCH = 100;

export async function seedChannel(serverUrl: string, databaseUrl: string, redisPrefix: string, users: number): Promise<SeededChannel> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, REDIS_KEY_PREFIX: redisPrefix, LOG_LEVEL: 'silent' });
  const dataSource = createDataSource({ url: databaseUrl, schema: 'public', poolSize: 8, entities: [], applicationName: 'enclave-bench-seed' });
  await dataSource.initialize();
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
  await redis.connect();
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(dataSource), AuditModule.forRoot({ runSealer: false }), IdentityModule.forRoot({ redis })],
  })
    .overrideProvider(Clock)
    .useValue(new SystemClock())
    .compile();
  const context = await moduleRef.init();
  const tokens: string[] = [];
  const ids: string[] = [];
  try {
    const usersService = context.get(UsersService);
    const sessions = context.get(SessionsService);
    const actor = { ...SYSTEM_ACTOR, system: false, ip: '127.0.0.1', userAgent: 'enclave-bench' };
    const tag = redisPrefix.replace(/[^a-z0-9]/g, '').slice(-6);
    for (let start = 0; start < users; start += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, users - start) }, async (_, k) => {
          const user = await usersService.create(SYSTEM_ACTOR, { username: `bench-${tag}-${start + k}` });
          const session = await sessions.start(actor, user, false);
          return { id: user.id, token: session.accessToken };
        }),
      );
      for (const b of batch) {
        ids.push(b.id);
        tokens.push(b.token);
      }
    }
  } finally {
    await context.close();
    redis.disconnect();
  }
  const owner = tokens[0];
  const created = await rest<{ id: string }>(serverUrl, 'POST', '/api/v1/conversations/channels', owner, { name: `bench-${Date.now()}`, visibility: 'public' });
  for (let i = 1; i < ids.length; i += INVITE_BATCH) {
    await rest(serverUrl, 'POST', `/api/v1/conversations/${created.id}/members`, owner, { userIds: ids.slice(i, i + INVITE_BATCH) });
  }
  return { channelId: created.id, tokens };
}

async function rest<T>(base: string, method: string, path: string, token: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
