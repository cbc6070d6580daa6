import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAdminTestApp, type AdminTestApp, type SignedIn } from './support/admin-test-app.js';

const DAY = 86_400_000;

interface Statistics {
  users: { total: number; active: number; deactivated: number };
  dailyActiveUsers: number;
  monthlyActiveUsers: number;
  activeUsersPerDay: Array<{ day: string; count: number }>;
  messagesPerDay: Array<{ day: string; count: number }>;
  topChannels: Array<{ id: string; name: string; messages: number }>;
}

describe('account administration: console statistics', () => {
  let t: AdminTestApp;
  let alice: SignedIn;
  let bob: SignedIn;
  let adminToken: string;

  beforeAll(async () => {
    t = await createAdminTestApp();
    alice = await t.signedIn('stats-alice');
    bob = await t.signedIn('stats-bob');
    adminToken = t.admin.token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const stats = async () => {
    const res = await t.http().get('/api/v1/admin/statistics').set('Authorization', `Bearer ${adminToken}`);
    expect(res.status).toBe(200);
    return res.body as Statistics;
  };
  const send = (user: SignedIn, conversationId: string, text: string) =>
    t.http().post(`/api/v1/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${user.token}`).send({ text });

  it('counts seats: deactivating frees one, erased accounts leave the total', async () => {
    const before = (await stats()).users;
    expect(before).toEqual({ total: 3, active: 3, deactivated: 0 });
    await t.asAdmin('post', `/api/v1/admin/users/${bob.id}/deactivate`).send({});
    expect((await stats()).users).toEqual({ total: 3, active: 2, deactivated: 1 });
    await t.asAdmin('post', `/api/v1/admin/users/${bob.id}/reactivate`).send();
    bob = { ...bob, token: String((await t.signIn('stats-bob')).body.accessToken) };
    const carol = await t.signedIn('stats-carol');
    await t.asAdmin('delete', `/api/v1/admin/users/${carol.id}`).send({ reason: 'test' });
    expect((await stats()).users).toEqual({ total: 3, active: 3, deactivated: 0 });
  });

  it('tracks daily and monthly active users from sign-ins and authenticated requests, at most one row per user and day', async () => {
    const today = t.clock.now().toISOString().slice(0, 10);
    for (let i = 0; i < 5; i++) await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${alice.token}`);
    expect((await t.query(`SELECT 1 FROM user_activity_day WHERE user_id = $1`, [alice.id])).length).toBe(1);
    const now = await stats();
    expect(now.dailyActiveUsers).toBeGreaterThanOrEqual(2);
    expect(now.activeUsersPerDay).toHaveLength(30);
    expect(now.activeUsersPerDay.at(-1)).toEqual({ day: today, count: now.dailyActiveUsers });

    // Ten days on: only alice (and the administrator reading the console) come back.
    t.clock.advance(10 * DAY);
    const earlierAdminToken = adminToken;
    try {
      await t.signIn('stats-alice');
      adminToken = String((await t.signIn('root-admin')).body.accessToken);
      await checkLater(now, today);
    } finally {
      t.clock.advance(-10 * DAY);
      adminToken = earlierAdminToken;
    }
  });

  const checkLater = async (now: { dailyActiveUsers: number }, today: string) => {
    const later = await stats();
    const laterDay = t.clock.now().toISOString().slice(0, 10);
    expect(later.activeUsersPerDay.at(-1)).toEqual({ day: laterDay, count: 2 });
    expect(later.dailyActiveUsers).toBe(2);
    expect(later.monthlyActiveUsers).toBe(now.dailyActiveUsers);
    expect(later.activeUsersPerDay.find((d) => d.day === today)!.count).toBe(now.dailyActiveUsers);
    const [row] = await t.query<{ last_active_at: Date }>(`SELECT last_active_at FROM app_user WHERE id = $1`, [alice.id]);
    expect(row.last_active_at.toISOString().slice(0, 10)).toBe(laterDay);
  };

  it('reports messages per day and the busiest channels from SQL aggregates', async () => {
    const channel = async (name: string) =>
      (await t.http().post('/api/v1/conversations/channels').set('Authorization', `Bearer ${alice.token}`).send({ name, visibility: 'public', memberIds: [bob.id] })).body.id as string;
    const busy = await channel('busy-room');
    const quiet = await channel('quiet-room');
    for (let i = 0; i < 5; i++) expect((await send(i % 2 ? bob : alice, busy, `message ${i}`)).status).toBe(201);
    await send(alice, quiet, 'hello');
    const result = await stats();
    const today = t.clock.now().toISOString().slice(0, 10);
    expect(result.messagesPerDay).toHaveLength(30);
    expect(result.messagesPerDay.at(-1)).toEqual({ day: today, count: 6 });
    expect(result.topChannels.slice(0, 2)).toEqual([
      { id: busy, name: 'busy-room', messages: 5 },
      { id: quiet, name: 'quiet-room', messages: 1 },
    ]);
  });

  it('is for administrators only', async () => {
    const res = await t.http().get('/api/v1/admin/statistics').set('Authorization', `Bearer ${alice.token}`);
    expect(res.status).toBe(403);
  });
});
