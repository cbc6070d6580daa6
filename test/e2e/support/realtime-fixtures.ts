/**
 * Shared set-up of the realtime e2e tests: a PostgreSQL-backed environment, started servers,
 * seeded users, channels made through the REST API, and connected protocol clients.
 */
import { api } from './http-client.js';
import { IdentitySeeder, type SeededUser } from './identity-seeder.js';
import { RealtimeTestClient, type ClientOptions } from './realtime-client.js';
import { TestEnvironment, startServer, type StartedServer } from './server-process.js';

export { RealtimeTestClient, type SeededUser };

export interface RealtimeWorld {
  readonly env: TestEnvironment;
  readonly servers: StartedServer[];
  readonly seeder: IdentitySeeder;
  readonly clients: RealtimeTestClient[];
  connect(user: SeededUser, options?: Partial<ClientOptions> & { server?: number }): Promise<RealtimeTestClient>;
  close(): Promise<void>;
}

/** Starts `nodes` servers on one fresh database and Redis prefix. */
export async function createWorld(overrides: Record<string, string> = {}, nodes = 1): Promise<RealtimeWorld> {
  const env = await TestEnvironment.create('postgres');
  const servers: StartedServer[] = [];
  let seeder: IdentitySeeder | undefined;
  try {
    // The first node migrates; the others start once it is up.
    const serverEnv = env.serverEnv({ LOG_LEVEL: 'warn', ...overrides });
    servers.push(await startServer(serverEnv));
    for (let i = 1; i < nodes; i++) servers.push(await startServer(serverEnv));
    seeder = await IdentitySeeder.open(env.databaseUrl!, env.redisPrefix);
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    await env.dispose();
    throw error;
  }
  const clients: RealtimeTestClient[] = [];
  const openSeeder = seeder;
  return {
    env,
    servers,
    seeder: openSeeder,
    clients,
    async connect(user, options = {}) {
      const client = new RealtimeTestClient(servers[options.server ?? 0].url, { token: user.token, ...options });
      clients.push(client);
      await client.ready();
      return client;
    },
    async close() {
      for (const c of clients) c.close();
      await openSeeder.close();
      // A node a test killed has exited already; stop() would wait for an exit that never comes again.
      await Promise.all(servers.filter((s) => s.process.exitCode === null && s.process.signalCode === null).map((s) => s.stop()));
      await env.dispose();
    },
  };
}

/** A public channel owned by `owner` with `members`, through the messaging REST API; returns its id. */
export async function createChannel(baseUrl: string, owner: SeededUser, members: readonly SeededUser[], name = `c-${Math.random().toString(36).slice(2, 10)}`): Promise<string> {
  const res = await api<{ id: string }>(baseUrl, 'POST', '/api/v1/conversations/channels', {
    token: owner.token,
    body: { name, visibility: 'public', memberIds: members.filter((m) => m.id !== owner.id).map((m) => m.id) },
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`create channel: ${res.status} ${res.text}`);
  return res.body.id;
}

export async function waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Distinct usernames per test run. */
export function uname(base: string): string {
  return `${base}-${Math.random().toString(36).slice(2, 8)}`;
}
