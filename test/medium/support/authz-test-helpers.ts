import { expect } from '@jest/globals';
import type { MessagingTestApp, TestUser } from './messaging-test-app.js';

export type Signed = TestUser & { token: string };

/** A signed-in user holding `roles` directly (granted in SQL, before their first request builds an ability). */
export async function signedInWith(t: MessagingTestApp, username: string, roles: readonly string[] = []): Promise<Signed> {
  const user = await t.signedInUser(username);
  for (const role of roles) await t.query(`INSERT INTO user_system_role (user_id, role, granted_at) VALUES ($1, $2, now())`, [user.id, role]);
  return user;
}

/** supertest calls with the user's bearer token. */
export function as(t: MessagingTestApp, user: Signed) {
  const auth = (req: ReturnType<ReturnType<MessagingTestApp['http']>['get']>) => req.set('Authorization', `Bearer ${user.token}`);
  return {
    get: (path: string) => auth(t.http().get(path)),
    post: (path: string, body?: unknown) => auth(t.http().post(path)).send(body as object),
    patch: (path: string, body?: unknown) => auth(t.http().patch(path)).send(body as object),
    put: (path: string, body?: unknown) => auth(t.http().put(path)).send(body as object),
    delete: (path: string) => auth(t.http().delete(path)),
  };
}

/** The one error shape, with a stable code, never internals. */
export function expectError(res: { status: number; body: unknown }, status: number, code: string): void {
  expect({ status: res.status, code: (res.body as { error?: { code?: string } }).error?.code }).toEqual({ status, code });
  expect(JSON.stringify(res.body)).not.toMatch(/stack|QueryFailedError|SELECT|INSERT/);
}
