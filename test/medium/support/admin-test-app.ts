import type { Actor } from '@enclave/core';
import { AuthzModule } from '@enclave/authz';
import { IdentityAdminModule, SystemRole } from '@enclave/identity';
import { JobsModule } from '@enclave/jobs';
import { MessagingModule } from '@enclave/messaging';
import { createIdentityTestApp, uniqueIp, type IdentityTestApp } from './identity-test-app.js';

export const ADMIN_TEST_PASSWORD = 'copper-lantern-harbour-58';

export interface SignedIn {
  readonly id: string;
  readonly username: string;
  readonly token: string;
  readonly actor: Actor;
}

export interface AdminTestApp extends IdentityTestApp {
  /** A signed-in system administrator. */
  readonly admin: SignedIn;
  /** Creates a user who can sign in (optionally with roles) and signs them in. */
  signedIn(username: string, options?: { roles?: SystemRole[] | string[]; displayName?: string }): Promise<SignedIn>;
  signIn(username: string, password?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** A bearer-authenticated request builder for the admin. */
  asAdmin(method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string): ReturnType<ReturnType<IdentityTestApp['http']>['get']>;
}

/**
 * The identity test app plus the app's account administration: IdentityAdminModule (sharing
 * the IdentityModule instance), AuthzModule, MessagingModule and JobsModule (BullMQ workers
 * in-process, under the app's unique Redis prefix).
 */
export async function createAdminTestApp(env: Record<string, string | undefined> = {}): Promise<AdminTestApp> {
  const t = await createIdentityTestApp({
    env,
    // AuthzModule after identity (as in the app): messaging and account administration check abilities.
    imports: [AuthzModule.forRoot(), JobsModule.forRoot(), MessagingModule],
    withIdentity: (identity) => [IdentityAdminModule.forRoot({ imports: [identity, MessagingModule] })],
  });
  const signIn = async (username: string, password = ADMIN_TEST_PASSWORD) => {
    const res = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', uniqueIp()).send({ username, password });
    return { status: res.status, body: res.body as Record<string, unknown> };
  };
  const signedIn = async (username: string, options: { roles?: string[]; displayName?: string } = {}): Promise<SignedIn> => {
    const user = await t.createUser({ username, password: ADMIN_TEST_PASSWORD, displayName: options.displayName ?? username, systemRoles: (options.roles ?? []) as SystemRole[] });
    const res = await signIn(username);
    if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const session = /"sid":"([^"]+)"/.exec(Buffer.from(String(res.body.accessToken).split('.')[1], 'base64url').toString('utf8'))?.[1];
    return {
      id: user.id,
      username: user.username,
      token: String(res.body.accessToken),
      actor: { userId: user.id, sessionId: session, ip: '127.0.0.1', userAgent: 'medium-test', requestId: undefined },
    };
  };
  let admin: SignedIn;
  try {
    admin = await signedIn('root-admin', { roles: [SystemRole.SystemAdmin] });
  } catch (error) {
    await t.close();
    throw error;
  }
  return Object.assign(t, {
    admin,
    signedIn,
    signIn,
    asAdmin: (method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string) => t.http()[method](path).set('Authorization', `Bearer ${admin.token}`),
  });
}
