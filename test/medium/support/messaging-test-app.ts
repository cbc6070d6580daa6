import type { Actor } from '@enclave/core';
import { AuthzModule } from '@enclave/authz';
import { SystemRole } from '@enclave/identity';
import {
  ConversationsService,
  DirectConversationsService,
  MembershipService,
  MessageQueriesService,
  MessagesService,
  MessagingEventBus,
  MessagingModule,
  PinsService,
  ReactionsService,
  ReadStateService,
  SyncService,
  ThreadsService,
  type DomainEvent,
} from '@enclave/messaging';
import { createIdentityTestApp, uniqueIp, type IdentityTestApp } from './identity-test-app.js';

export interface TestUser {
  readonly id: string;
  readonly username: string;
  readonly actor: Actor;
}

export interface MessagingServices {
  readonly conversations: ConversationsService;
  readonly direct: DirectConversationsService;
  readonly membership: MembershipService;
  readonly messages: MessagesService;
  readonly queries: MessageQueriesService;
  readonly reactions: ReactionsService;
  readonly pins: PinsService;
  readonly threads: ThreadsService;
  readonly reads: ReadStateService;
  readonly sync: SyncService;
  readonly bus: MessagingEventBus;
}

export interface MessagingTestApp extends IdentityTestApp {
  readonly svc: MessagingServices;
  /** Every domain event published so far, in publication order. */
  readonly published: DomainEvent[];
  /** A user without a password (no argon2 cost); `admin` grants system_admin. */
  user(username: string, options?: { admin?: boolean }): Promise<TestUser>;
  /** A user who can sign in; returns a bearer token for REST tests. */
  signedInUser(username: string): Promise<TestUser & { token: string }>;
}

const PASSWORD = 'harbour-violet-83-slowly';

/**
 * The identity test app (real PostgreSQL database, audit, access-token guard, the server's HTTP
 * edge) plus MessagingModule, with a recorder of published domain events.
 */
export async function createMessagingTestApp(env: Record<string, string | undefined> = {}): Promise<MessagingTestApp> {
  // AuthzModule after identity, as in the app: its guard and abilities back every messaging check.
  const t = await createIdentityTestApp({ env, imports: [AuthzModule.forRoot(), MessagingModule] });
  const get = <T>(type: new (...args: never[]) => T): T => t.app.get(type, { strict: false });
  const svc: MessagingServices = {
    conversations: get(ConversationsService),
    direct: get(DirectConversationsService),
    membership: get(MembershipService),
    messages: get(MessagesService),
    queries: get(MessageQueriesService),
    reactions: get(ReactionsService),
    pins: get(PinsService),
    threads: get(ThreadsService),
    reads: get(ReadStateService),
    sync: get(SyncService),
    bus: get(MessagingEventBus),
  };
  const published: DomainEvent[] = [];
  svc.bus.subscribe((event) => {
    published.push(event);
  });
  const toUser = (id: string, username: string): TestUser => ({
    id,
    username,
    actor: { userId: id, sessionId: '00000000-0000-4000-8000-000000000000', ip: '127.0.0.1', userAgent: 'medium-test', requestId: undefined },
  });
  return Object.assign(t, {
    svc,
    published,
    async user(username: string, options: { admin?: boolean } = {}) {
      const record = await t.createUser({ username, systemRoles: options.admin ? [SystemRole.SystemAdmin] : [] });
      return toUser(record.id, record.username);
    },
    async signedInUser(username: string) {
      const record = await t.createUser({ username, password: PASSWORD });
      const res = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', uniqueIp()).send({ username, password: PASSWORD });
      if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { ...toUser(record.id, record.username), token: (res.body as { accessToken: string }).accessToken };
    },
  });
}

/** Runs `work` `times` times at once and returns the results in order. */
export function concurrently<T>(times: number, work: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: times }, (_, i) => work(i)));
}
