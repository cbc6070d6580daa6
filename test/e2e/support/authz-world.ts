/**
 * The world of the authorisation matrix: one started server on its own PostgreSQL database,
 * one account per role (roles granted through the real admin API; only the first system
 * administrator is made in SQL), and conversations in every state the matrix needs, made
 * through the messaging REST API.
 */
import pg from 'pg';
import { api } from './http-client.js';
import { IdentitySeeder, type SeededUser } from './identity-seeder.js';
import { TestEnvironment, startServer, type StartedServer } from './server-process.js';

export const ACTORS = ['sysadmin', 'userManager', 'compliance', 'auditor', 'member', 'guest', 'channelAdmin', 'custom'] as const;
export type ActorName = (typeof ACTORS)[number];

/** The custom role of the matrix: a help desk that looks people up and resets ordinary passwords. */
export const CUSTOM_ROLE = { name: 'helpdesk', displayName: 'Help desk', permissions: ['user.read', 'user.password.reset', 'group.read', 'role.read'] };

/** Members post nothing in the announcements channel; they react and may leave. */
export const READ_ONLY_SCHEME = {
  member: ['message.react', 'channel.leave'],
  channelAdmin: ['channel.leave', 'channel.invite', 'channel.update', 'message.create', 'message.edit.own', 'message.delete.own', 'message.react', 'message.pin', 'channel.member.remove', 'channel.rename', 'channel.archive', 'channel.roles.manage', 'message.delete.any', 'message.mention.channel'],
};

export interface Conversations {
  /** The actors are members of these (channelAdmin created them and is their channel admin). */
  readonly publicAll: string;
  readonly privateAll: string;
  readonly readOnlyAll: string;
  /** Owned by the bystander; no actor is a member. */
  readonly publicNone: string;
  readonly privateNone: string;
  /** A DM between the bystander and the stranger. */
  readonly dmOther: string;
}

export interface AuthzWorld {
  readonly env: TestEnvironment;
  readonly server: StartedServer;
  readonly url: string;
  readonly actors: Record<ActorName, SeededUser>;
  /** Not actors: owns resources the actors must not reach, shares publicAll with them. */
  readonly bystander: SeededUser;
  /** Shares nothing with the guest. */
  readonly stranger: SeededUser;
  readonly victimPlain: SeededUser;
  /** Holds a role (auditor): privileged for account administration. */
  readonly victimPrivileged: SeededUser;
  /** Removed from channels and put back by the matrix. */
  readonly removable: SeededUser;
  readonly conversations: Conversations;
  readonly groupId: string;
  call(user: SeededUser, method: string, path: string, body?: unknown): ReturnType<typeof api>;
  /** A new message by `user` in `conversationId`; returns its id. */
  post(user: SeededUser, conversationId: string, text?: string): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;
const unique = (base: string) => `${base}-${process.pid}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

export async function createAuthzWorld(): Promise<AuthzWorld> {
  const env = await TestEnvironment.create('postgres');
  let server: StartedServer | undefined;
  let seeder: IdentitySeeder | undefined;
  try {
    server = await startServer(env.serverEnv({ LOG_LEVEL: 'warn', JOBS_RUN_WORKERS: 'false', REALTIME_SEND_RATE_PER_SECOND: '10000', REALTIME_SEND_BURST: '10000' }));
    seeder = await IdentitySeeder.open(env.databaseUrl!, env.redisPrefix);
    const url = server.url;
    const call = (user: SeededUser, method: string, path: string, body?: unknown) => api(url, method, path, { token: user.token, body });
    const must = async (user: SeededUser, method: string, path: string, body?: unknown) => {
      const res = await call(user, method, path, body);
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
      return res;
    };
    const seeded = async (base: string) => seeder!.user(unique(base).toLowerCase().slice(0, 32));
    const actors = {} as Record<ActorName, SeededUser>;
    for (const name of ACTORS) actors[name] = await seeded(name.toLowerCase());
    const [bystander, stranger, victimPlain, victimPrivileged, removable] = [await seeded('bystander'), await seeded('stranger'), await seeded('victim'), await seeded('vip'), await seeded('removable')];

    const db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    await db.query(`INSERT INTO user_system_role (user_id, role, granted_at) VALUES ($1, 'system_admin', now())`, [actors.sysadmin.id]);
    const group = await db.query<{ id: string }>(`INSERT INTO user_group (name, display_name) VALUES ($1, 'Matrix') RETURNING id`, [unique('matrix')]);
    await db.end();

    const admin = actors.sysadmin;
    await must(admin, 'POST', '/api/v1/admin/roles', CUSTOM_ROLE);
    for (const [role, user] of [
      ['user_manager', actors.userManager],
      ['compliance_officer', actors.compliance],
      ['auditor', actors.auditor],
      ['guest', actors.guest],
      [CUSTOM_ROLE.name, actors.custom],
      ['auditor', victimPrivileged],
    ] as const) {
      await must(admin, 'POST', `/api/v1/admin/roles/${role}/users`, { userIds: [user.id] });
    }

    const everyone = [...ACTORS.map((a) => actors[a].id), bystander.id, removable.id].filter((id) => id !== actors.channelAdmin.id);
    const channel = async (owner: SeededUser, visibility: 'public' | 'private', memberIds: string[]) =>
      (await must(owner, 'POST', '/api/v1/conversations/channels', { name: unique('m'), visibility, memberIds })).body.id as string;
    const conversations: Conversations = {
      publicAll: await channel(actors.channelAdmin, 'public', everyone),
      privateAll: await channel(actors.channelAdmin, 'private', everyone),
      readOnlyAll: await channel(actors.channelAdmin, 'public', everyone),
      publicNone: await channel(bystander, 'public', [removable.id]),
      privateNone: await channel(bystander, 'private', [removable.id]),
      dmOther: (await must(bystander, 'POST', '/api/v1/conversations/direct', { userId: stranger.id })).body.id as string,
    };
    await must(admin, 'PUT', `/api/v1/conversations/${conversations.readOnlyAll}/permission-scheme`, READ_ONLY_SCHEME);

    const openedSeeder = seeder;
    const startedServer = server;
    return {
      env,
      server: startedServer,
      url,
      actors,
      bystander,
      stranger,
      victimPlain,
      victimPrivileged,
      removable,
      conversations,
      groupId: group.rows[0].id,
      call,
      async post(user, conversationId, text = 'matrix message') {
        return (await must(user, 'POST', `/api/v1/conversations/${conversationId}/messages`, { text })).body.id as string;
      },
      async close() {
        await openedSeeder.close();
        await startedServer.stop();
        await env.dispose();
      },
    };
  } catch (error) {
    await seeder?.close();
    await server?.stop();
    await env.dispose();
    throw error;
  }
}
