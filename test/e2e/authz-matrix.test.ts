/**
 * The authorisation matrix: every role × every action over real HTTP and WebSocket × the
 * resource states that matter (own / other's, member / non-member, public / private,
 * read-only channel) against a started server, compared with the expected allow or deny
 * written from the issue (not read back from the implementation). Then IDOR probes: every
 * id-taking route of the committed permission map, called with other people's ids.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { SeededUser } from './support/identity-seeder.js';
import { ACTORS, READ_ONLY_SCHEME, createAuthzWorld, type ActorName, type AuthzWorld } from './support/authz-world.js';

type Outcome = 'allow' | 'deny' | 'error';
interface Result {
  readonly outcome: Outcome;
  readonly detail: string;
}
interface Action {
  readonly name: string;
  readonly states: readonly string[];
  expect(actor: ActorName, state: string): boolean;
  run(actor: ActorName, state: string): Promise<Result>;
}

const DEFAULT_SCHEME = {
  member: ['channel.leave', 'channel.invite', 'channel.update', 'message.create', 'message.edit.own', 'message.delete.own', 'message.react', 'message.pin'],
  channelAdmin: READ_ONLY_SCHEME.channelAdmin,
};
/** Refusals that hide rather than forbid (an unknown-looking user, a DM asked for a channel's scheme). */
const HIDDEN_DENIALS = new Set(['USER_NOT_FOUND', 'NOT_ALLOWED_FOR_CONVERSATION_KIND', 'AUTHZ_NOT_A_CHANNEL']);
const WS_DENIALS = new Set(['FORBIDDEN', 'NOT_A_MEMBER', 'CONVERSATION_NOT_FOUND', 'MESSAGE_NOT_FOUND', 'NOT_ALLOWED_TO_DELETE', 'NOT_CHANNEL_ADMIN', 'MENTION_NOT_ALLOWED']);
const MEMBER_STATES = ['public-member', 'private-member', 'readonly-member'];
const CHANNEL_STATES = [...MEMBER_STATES, 'public-nonmember', 'private-nonmember'];
const ALL_STATES = [...CHANNEL_STATES, 'dm-nonmember'];

describe('authorisation matrix (HTTP + WebSocket against a started server)', () => {
  let w: AuthzWorld;
  const sockets = new Map<ActorName, Socket>();
  let seq = 0;

  beforeAll(async () => {
    w = await createAuthzWorld();
  });
  afterAll(async () => {
    for (const socket of sockets.values()) socket.close();
    await w?.close();
  });

  const user = (actor: ActorName): SeededUser => w.actors[actor];
  const conv = (state: string): string => {
    const c = w.conversations;
    return { 'public-member': c.publicAll, 'private-member': c.privateAll, 'readonly-member': c.readOnlyAll, 'public-nonmember': c.publicNone, 'private-nonmember': c.privateNone, 'dm-nonmember': c.dmOther }[state]!;
  };
  /** The channel admin of each channel: the channelAdmin actor for the actors' channels, the bystander for the others. */
  const ownerOf = (state: string): SeededUser => (MEMBER_STATES.includes(state) ? user('channelAdmin') : w.bystander);

  async function http(actor: ActorName, method: string, path: string, body?: unknown): Promise<Result> {
    const res = await w.call(user(actor), method, path, body);
    const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code ?? '';
    if (res.status >= 200 && res.status < 300) return { outcome: 'allow', detail: `${res.status}` };
    if (res.status === 403 || res.status === 404 || (res.status === 400 && HIDDEN_DENIALS.has(code))) return { outcome: 'deny', detail: `${res.status} ${code}` };
    return { outcome: 'error', detail: `${res.status} ${code} ${res.text.slice(0, 200)}` };
  }

  async function ws(actor: ActorName, event: string, payload: unknown): Promise<Result> {
    let socket = sockets.get(actor);
    if (!socket) {
      socket = io(w.url, { transports: ['websocket'], auth: { token: user(actor).token }, reconnection: false });
      await new Promise<void>((ok, fail) => {
        socket!.once('ready', () => ok());
        socket!.once('connect_error', fail);
      });
      sockets.set(actor, socket);
    }
    const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as { ok: boolean; error?: { code: string } };
    if (ack.ok) return { outcome: 'allow', detail: 'ack ok' };
    const code = ack.error?.code ?? '';
    return { outcome: WS_DENIALS.has(code) ? 'deny' : 'error', detail: `ack ${code}` };
  }

  /** A fresh message for each cell that consumes one (deletes). */
  async function message(state: string, actor: ActorName): Promise<string> {
    switch (state) {
      case 'own':
        return w.post(user(actor), w.conversations.publicAll);
      case 'other':
        return w.post(w.bystander, w.conversations.publicAll);
      case 'other-readonly':
        return w.post(user('channelAdmin'), w.conversations.readOnlyAll);
      case 'other-public-nonmember':
        return w.post(w.bystander, w.conversations.publicNone);
      case 'other-private-nonmember':
        return w.post(w.bystander, w.conversations.privateNone);
      default:
        return w.post(w.bystander, w.conversations.dmOther);
    }
  }

  const is = (...names: ActorName[]) => (actor: ActorName) => names.includes(actor);
  const nonGuest = (actor: ActorName) => actor !== 'guest';
  const readsUsers = is('sysadmin', 'userManager', 'custom');
  const moderates = (actor: ActorName, state: string) => actor === 'sysadmin' || (actor === 'channelAdmin' && MEMBER_STATES.includes(state));

  const actions: Action[] = [
    { name: 'GET conversation', states: ALL_STATES, expect: (a, s) => MEMBER_STATES.includes(s) || (s === 'public-nonmember' && nonGuest(a)) || (s === 'private-nonmember' && a === 'sysadmin'), run: (a, s) => http(a, 'GET', `/api/v1/conversations/${conv(s)}`) },
    { name: 'GET history', states: ALL_STATES, expect: (a, s) => MEMBER_STATES.includes(s) || (s === 'public-nonmember' && nonGuest(a)), run: (a, s) => http(a, 'GET', `/api/v1/conversations/${conv(s)}/messages`) },
    { name: 'GET members', states: ALL_STATES, expect: (a, s) => MEMBER_STATES.includes(s) || (s === 'public-nonmember' && nonGuest(a)), run: (a, s) => http(a, 'GET', `/api/v1/conversations/${conv(s)}/members`) },
    { name: 'POST message', states: ALL_STATES, expect: (a, s) => s === 'public-member' || s === 'private-member' || (s === 'readonly-member' && a === 'channelAdmin'), run: (a, s) => http(a, 'POST', `/api/v1/conversations/${conv(s)}/messages`, { text: 'hello' }) },
    { name: 'POST @channel', states: MEMBER_STATES, expect: (a, s) => a === 'channelAdmin' || (a === 'sysadmin' && s !== 'readonly-member'), run: (a, s) => http(a, 'POST', `/api/v1/conversations/${conv(s)}/messages`, { text: '@channel heads up' }) },
    { name: 'PATCH topic', states: ALL_STATES, expect: (a, s) => ((s === 'public-member' || s === 'private-member') && nonGuest(a)) || (s === 'readonly-member' && a === 'channelAdmin'), run: (a, s) => http(a, 'PATCH', `/api/v1/conversations/${conv(s)}`, { topic: `topic ${seq++}` }) },
    { name: 'PATCH rename', states: ALL_STATES, expect: (a, s) => s !== 'dm-nonmember' && moderates(a, s), run: (a, s) => http(a, 'PATCH', `/api/v1/conversations/${conv(s)}`, { name: `renamed-${process.pid}-${seq++}` }) },
    {
      name: 'POST archive',
      states: ALL_STATES,
      expect: (a, s) => s !== 'dm-nonmember' && moderates(a, s),
      run: async (a, s) => {
        const result = await http(a, 'POST', `/api/v1/conversations/${conv(s)}/archive`);
        if (result.outcome === 'allow') await w.call(user('sysadmin'), 'POST', `/api/v1/conversations/${conv(s)}/unarchive`);
        return result;
      },
    },
    { name: 'POST invite', states: ALL_STATES, expect: (a, s) => ((s === 'public-member' || s === 'private-member') && nonGuest(a)) || (s === 'readonly-member' && a === 'channelAdmin'), run: (a, s) => http(a, 'POST', `/api/v1/conversations/${conv(s)}/members`, { userIds: [w.victimPlain.id] }) },
    {
      name: 'DELETE member',
      states: ALL_STATES,
      expect: (a, s) => s !== 'dm-nonmember' && moderates(a, s),
      run: async (a, s) => {
        const result = await http(a, 'DELETE', `/api/v1/conversations/${conv(s)}/members/${s === 'dm-nonmember' ? w.stranger.id : w.removable.id}`);
        if (result.outcome === 'allow') await w.call(ownerOf(s), 'POST', `/api/v1/conversations/${conv(s)}/members`, { userIds: [w.removable.id] });
        return result;
      },
    },
    { name: 'GET channel scheme', states: ALL_STATES, expect: (a, s) => MEMBER_STATES.includes(s) || (s === 'public-nonmember' && nonGuest(a)) || (s === 'private-nonmember' && a === 'sysadmin'), run: (a, s) => http(a, 'GET', `/api/v1/conversations/${conv(s)}/permission-scheme`) },
    { name: 'PUT channel scheme', states: ALL_STATES, expect: (a, s) => s !== 'dm-nonmember' && a === 'sysadmin', run: (a, s) => http(a, 'PUT', `/api/v1/conversations/${conv(s)}/permission-scheme`, s === 'readonly-member' ? READ_ONLY_SCHEME : DEFAULT_SCHEME) },
    { name: 'POST read mark', states: ALL_STATES, expect: (_a, s) => MEMBER_STATES.includes(s), run: (a, s) => http(a, 'POST', `/api/v1/conversations/${conv(s)}/read`, { seq: 1 }) },
    { name: 'PATCH message', states: ['own', 'other', 'other-private-nonmember'], expect: (_a, s) => s === 'own', run: async (a, s) => http(a, 'PATCH', `/api/v1/messages/${await message(s, a)}`, { text: 'edited' }) },
    {
      name: 'DELETE message',
      states: ['own', 'other', 'other-private-nonmember', 'dm-other'],
      expect: (a, s) => s === 'own' || (s === 'other' && (a === 'channelAdmin' || a === 'sysadmin')) || (s === 'other-private-nonmember' && a === 'sysadmin'),
      run: async (a, s) => http(a, 'DELETE', `/api/v1/messages/${await message(s, a)}`),
    },
    { name: 'POST reaction', states: ['other', 'other-readonly', 'other-private-nonmember', 'dm-other'], expect: (_a, s) => s === 'other' || s === 'other-readonly', run: async (a, s) => http(a, 'POST', `/api/v1/messages/${await message(s, a)}/reactions`, { emoji: '👍' }) },
    { name: 'PUT pin', states: ['other', 'other-readonly', 'other-private-nonmember'], expect: (a, s) => s === 'other' || (s === 'other-readonly' && a === 'channelAdmin'), run: async (a, s) => http(a, 'PUT', `/api/v1/messages/${await message(s, a)}/pin`) },
    { name: 'GET message', states: ['other', 'other-public-nonmember', 'other-private-nonmember', 'dm-other'], expect: (a, s) => s === 'other' || (s === 'other-public-nonmember' && nonGuest(a)), run: async (a, s) => http(a, 'GET', `/api/v1/messages/${await message(s, a)}`) },
    { name: 'GET thread', states: ['other', 'other-public-nonmember', 'other-private-nonmember', 'dm-other'], expect: (a, s) => s === 'other' || (s === 'other-public-nonmember' && nonGuest(a)), run: async (a, s) => http(a, 'GET', `/api/v1/threads/${await message(s, a)}`) },
    { name: 'PUT follow', states: ['other', 'other-public-nonmember', 'other-private-nonmember'], expect: (_a, s) => s === 'other', run: async (a, s) => http(a, 'PUT', `/api/v1/threads/${await message(s, a)}/follow`) },
    { name: 'POST public channel', states: ['-'], expect: nonGuest, run: (a) => http(a, 'POST', '/api/v1/conversations/channels', { name: `new-${process.pid}-${seq++}`, visibility: 'public' }) },
    { name: 'POST private channel', states: ['-'], expect: nonGuest, run: (a) => http(a, 'POST', '/api/v1/conversations/channels', { name: `new-${process.pid}-${seq++}`, visibility: 'private' }) },
    { name: 'GET browse', states: ['-'], expect: nonGuest, run: (a) => http(a, 'GET', '/api/v1/conversations/browse') },
    { name: 'GET my conversations', states: ['-'], expect: () => true, run: (a) => http(a, 'GET', '/api/v1/conversations') },
    { name: 'POST DM', states: ['co-member', 'stranger'], expect: (a, s) => s === 'co-member' || nonGuest(a), run: (a, s) => http(a, 'POST', '/api/v1/conversations/direct', { userId: s === 'co-member' ? w.bystander.id : w.stranger.id }) },
    {
      name: 'POST group DM',
      states: ['co-members', 'strangers'],
      expect: (a, s) => s === 'co-members' || nonGuest(a),
      run: (a, s) => http(a, 'POST', '/api/v1/conversations/group', { userIds: s === 'co-members' ? [w.bystander.id, w.removable.id] : [w.stranger.id, w.victimPlain.id] }),
    },
    { name: 'GET admin users', states: ['-'], expect: readsUsers, run: (a) => http(a, 'GET', '/api/v1/admin/users') },
    { name: 'GET admin user', states: ['plain', 'privileged'], expect: readsUsers, run: (a, s) => http(a, 'GET', `/api/v1/admin/users/${s === 'plain' ? w.victimPlain.id : w.victimPrivileged.id}`) },
    {
      name: 'POST password reset',
      states: ['plain', 'privileged'],
      expect: (a, s) => a === 'sysadmin' || (s === 'plain' && (a === 'userManager' || a === 'custom')),
      run: (a, s) => http(a, 'POST', `/api/v1/admin/users/${s === 'plain' ? w.victimPlain.id : w.victimPrivileged.id}/password-reset`, {}),
    },
    { name: 'GET groups', states: ['-'], expect: readsUsers, run: (a) => http(a, 'GET', '/api/v1/admin/groups') },
    { name: 'GET roles', states: ['-'], expect: readsUsers, run: (a) => http(a, 'GET', '/api/v1/admin/roles') },
    { name: 'POST role', states: ['-'], expect: is('sysadmin'), run: (a) => http(a, 'POST', '/api/v1/admin/roles', { name: `r-${process.pid}-${seq++}`, displayName: 'r', permissions: ['user.read'] }) },
    { name: 'POST role grant', states: ['-'], expect: is('sysadmin'), run: (a) => http(a, 'POST', '/api/v1/admin/roles/member/users', { userIds: [w.victimPlain.id] }) },
    { name: 'GET default scheme', states: ['-'], expect: readsUsers, run: (a) => http(a, 'GET', '/api/v1/admin/permission-schemes/default') },
    { name: 'PUT default scheme', states: ['-'], expect: is('sysadmin'), run: (a) => http(a, 'PUT', '/api/v1/admin/permission-schemes/default', DEFAULT_SCHEME) },
    { name: 'GET my permissions', states: ['-'], expect: () => true, run: (a) => http(a, 'GET', '/api/v1/authz/me') },
    { name: 'WS message.send', states: ['public-member', 'readonly-member', 'private-nonmember'], expect: (a, s) => s === 'public-member' || (s === 'readonly-member' && a === 'channelAdmin'), run: (a, s) => ws(a, 'message.send', { conversationId: conv(s), text: 'over ws' }) },
    { name: 'WS typing.start', states: ['public-member', 'private-nonmember'], expect: (_a, s) => s === 'public-member', run: (a, s) => ws(a, 'typing.start', { conversationId: conv(s) }) },
    { name: 'WS reaction.set', states: ['other', 'other-private-nonmember'], expect: (_a, s) => s === 'other', run: async (a, s) => ws(a, 'reaction.set', { messageId: await message(s, a), emoji: '🎉' }) },
    { name: 'WS message.delete', states: ['own', 'other'], expect: (a, s) => s === 'own' || a === 'channelAdmin' || a === 'sysadmin', run: async (a, s) => ws(a, 'message.delete', { messageId: await message(s, a) }) },
    { name: 'WS presence.subscribe', states: ['-'], expect: () => true, run: (a) => ws(a, 'presence.subscribe', { userIds: [w.bystander.id] }) },
    {
      name: 'POST join',
      states: ['public-member', 'public-nonmember', 'private-nonmember'],
      expect: (a, s) => s !== 'private-nonmember' && nonGuest(a),
      run: async (a, s) => {
        const result = await http(a, 'POST', `/api/v1/conversations/${conv(s)}/join`);
        if (result.outcome === 'allow' && s === 'public-nonmember') await w.call(user(a), 'POST', `/api/v1/conversations/${conv(s)}/leave`);
        return result;
      },
    },
    // Last: leaving changes who is a member of what.
    { name: 'POST leave', states: ALL_STATES, expect: (_a, s) => MEMBER_STATES.includes(s), run: (a, s) => http(a, 'POST', `/api/v1/conversations/${conv(s)}/leave`) },
  ];

  it('allows and denies exactly what the roles say, over HTTP and WebSocket', async () => {
    const rows: Array<{ actor: ActorName; action: string; state: string; expected: 'allow' | 'deny'; got: Result }> = [];
    for (const action of actions) {
      for (const actor of ACTORS) {
        for (const state of action.states) {
          const expected = action.expect(actor, state) ? 'allow' : 'deny';
          rows.push({ actor, action: action.name, state, expected, got: await action.run(actor, state) });
        }
      }
    }
    const describeRow = (r: (typeof rows)[number]) => `${r.actor.padEnd(12)} ${r.action.padEnd(22)} ${r.state.padEnd(24)} expected ${r.expected}, got ${r.got.outcome} (${r.got.detail})`;
    const unexpectedAllows = rows.filter((r) => r.expected === 'deny' && r.got.outcome === 'allow');
    const unexpectedDenies = rows.filter((r) => r.expected === 'allow' && r.got.outcome === 'deny');
    const errors = rows.filter((r) => r.got.outcome === 'error');
    const perActor = ACTORS.map((a) => `${a}: ${rows.filter((r) => r.actor === a && r.got.outcome === 'allow').length} allowed / ${rows.filter((r) => r.actor === a).length}`).join(', ');
    console.log(
      [
        `authz matrix: ${rows.length} cells (${actions.length} actions × ${ACTORS.length} roles × their states); ${rows.filter((r) => r.expected === 'allow').length} expected allows, ${rows.filter((r) => r.expected === 'deny').length} expected denies`,
        `unexpected allows: ${unexpectedAllows.length}, unexpected denies: ${unexpectedDenies.length}, errors: ${errors.length}`,
        perActor,
        ...[...unexpectedAllows, ...unexpectedDenies, ...errors].map(describeRow),
      ].join('\n'),
    );
    expect(unexpectedAllows.map(describeRow)).toEqual([]);
    expect(errors.map(describeRow)).toEqual([]);
    expect(unexpectedDenies.map(describeRow)).toEqual([]);
  });

  it('recorded the refusals as access.denied audit events, HTTP and WebSocket alike, at most once per actor, code and route per window', async () => {
    const db = new pg.Client({ connectionString: w.env.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ actor_user_id: string; target_id: string; code: string }>(
        `SELECT actor_user_id, target_id, details->>'code' AS code FROM audit_event WHERE action = 'access.denied' AND outcome = 'denied'`,
      );
      expect(rows.some((r) => r.target_id === 'GET /api/v1/conversations/browse' && r.actor_user_id === w.actors.guest.id && r.code === 'FORBIDDEN')).toBe(true);
      expect(rows.some((r) => r.target_id === 'ws message.send' && r.actor_user_id === w.actors.member.id)).toBe(true);
      const keys = rows.map((r) => `${r.actor_user_id} ${r.code} ${r.target_id}`);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      await db.end();
    }
  });

  it('refuses every id-taking route when called with other people’s resources (IDOR probes from the permission map)', async () => {
    const snapshot = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../libs/authz/permission-map.snapshot.json'), 'utf8')) as { routes: Record<string, string> };
    const privateMessage = await w.post(w.bystander, w.conversations.privateNone, 'not for you');
    const dmMessage = await w.post(w.bystander, w.conversations.dmOther, 'private talk');
    const otherSession = w.bystander.sessionId;
    // A call in a private channel no actor belongs to: its meeting routes must not open to them.
    const privateCall = await w.call(w.bystander, 'POST', `/api/v1/conversations/${w.conversations.privateNone}/meeting`, {});
    expect(privateCall.status).toBe(200);
    const privateMeetingId = (privateCall.body as { id: string }).id;
    const variants = [
      { conversation: w.conversations.privateNone, message: privateMessage },
      { conversation: w.conversations.dmOther, message: dmMessage },
    ];
    const substitute = (route: string, v: (typeof variants)[number]): string =>
      route.replace(/:([A-Za-z]+)/g, (_m, name: string, offset: number) => {
        const before = route.slice(0, offset);
        if (name === 'messageId' || name === 'rootId') return v.message;
        if (name === 'conversationId') return v.conversation;
        if (name === 'userId') return w.bystander.id;
        if (name === 'groupId') return w.groupId;
        if (name === 'name') return 'system_admin';
        if (before.endsWith('/users/me/sessions/')) return otherSession;
        if (before.endsWith('/conversations/')) return v.conversation;
        if (before.endsWith('/admin/users/')) return w.victimPrivileged.id;
        if (before.endsWith('/admin/groups/')) return w.groupId;
        if (before.endsWith('/meetings/')) return privateMeetingId;
        return '9f1d7c42-6a53-4e0b-8f3c-2b1a0d9e8c77';
      });
    const body = (method: string, path: string): unknown => {
      if (method === 'GET' || method === 'DELETE') return undefined;
      if (path.endsWith('/messages')) return { text: 'idor' };
      if (path.endsWith('/members')) return { userIds: [w.actors.member.id] };
      if (path.endsWith('/read')) return { seq: 1 };
      if (path.endsWith('/reactions')) return { emoji: '👍' };
      if (path.endsWith('/membership')) return { muted: true };
      if (path.endsWith('/permission-scheme')) return DEFAULT_SCHEME;
      if (/\/(conversations|messages)\/[^/]+$/.test(path)) return method === 'PATCH' ? { topic: 'idor', text: 'idor' } : {};
      return {};
    };
    const probes: string[] = [];
    const routesProbed = new Set<string>();
    const leaks: string[] = [];
    let inconclusive = 0;
    for (const [key] of Object.entries(snapshot.routes)) {
      const [method, route] = key.split(' ');
      // Public routes (the call page shell and its assets) serve the same bytes to anyone: nothing to leak.
      if (method === 'WS' || !route.includes(':') || snapshot.routes[key] === 'public') continue;
      for (const variant of variants) {
        for (const actor of ['member', 'guest', 'channelAdmin'] as const) {
          const path = substitute(route, variant);
          const res = await w.call(user(actor), method, path, body(method, path));
          probes.push(`${actor} ${method} ${path}`);
          routesProbed.add(key);
          if (res.status >= 200 && res.status < 300) leaks.push(`${actor} ${key} -> ${res.status} ${res.text.slice(0, 120)}`);
          else if (res.status !== 403 && res.status !== 404) inconclusive++;
        }
      }
    }
    console.log(`authz IDOR probes: ${probes.length} requests over ${routesProbed.size} id-taking routes; leaks: ${leaks.length}; refused before the resource (4xx other than 403/404): ${inconclusive}`);
    expect(probes.length).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
    // The other user's session survived every probe.
    expect((await w.call(w.bystander, 'GET', '/api/v1/users/me')).status).toBe(200);
  });
});
