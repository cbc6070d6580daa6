import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AbilityService, UserSubjects, conversationSubject, toPositionalSql, toSqlWhere, type ActorAbility, type ConversationAttributes, type SqlCondition } from '@enclave/authz';
import type { ConversationKind } from '@enclave/contracts';
import { signedInWith, type Signed } from './support/authz-test-helpers.js';
import { createMessagingTestApp, type MessagingTestApp } from './support/messaging-test-app.js';

interface ConversationRow {
  id: string;
  kind: ConversationKind;
  archived: boolean;
  role: 'member' | 'channel_admin' | null;
}

/**
 * Lists are filtered in SQL from the ability's rules; this checks, row by row on the real
 * database, that the SQL keeps exactly the rows `ability.can` allows (the in-memory loop here
 * is the oracle, which is what production code never does).
 */
describe('authz: abilities as SQL (toSqlWhere) agree with ability.can', () => {
  let t: MessagingTestApp;
  let abilities: AbilityService;
  const actors: Record<string, Signed> = {};

  beforeAll(async () => {
    t = await createMessagingTestApp();
    abilities = t.app.get(AbilityService, { strict: false });
    actors.member = await signedInWith(t, 'sql-member');
    actors.guest = await signedInWith(t, 'sql-guest', ['guest']);
    actors.admin = await signedInWith(t, 'sql-admin', ['system_admin']);
    actors.manager = await signedInWith(t, 'sql-manager', ['user_manager']);
    const other = await signedInWith(t, 'sql-other');
    // A spread of conversations: public/private, member/admin/outsider, archived, DMs.
    const owner = other.actor;
    for (const [name, visibility, withMember] of [
      ['pub-in', 'public', true],
      ['pub-out', 'public', false],
      ['priv-in', 'private', true],
      ['priv-out', 'private', false],
      ['pub-archived', 'public', false],
    ] as const) {
      const ids = withMember ? [actors.member.id, actors.guest.id] : [];
      const c = await t.svc.conversations.createChannel(owner, { name, visibility, memberIds: ids });
      if (name === 'pub-archived') await t.svc.conversations.archive(owner, c.id);
    }
    await t.svc.conversations.createChannel(actors.member.actor, { name: 'mine', visibility: 'private' });
    await t.svc.direct.openDirect(owner, { userId: actors.member.id });
    await t.svc.direct.openDirect(owner, { userId: actors.admin.id });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function conversations(ability: ActorAbility, where = 'TRUE', params: unknown[] = []): Promise<ConversationRow[]> {
    return t.query<ConversationRow>(
      `SELECT c.id, c.kind, c.archived_at IS NOT NULL AS archived, m.role
         FROM conversation c LEFT JOIN conversation_member m ON m.conversation_id = c.id AND m.user_id = '${ability.userId}'
        WHERE ${where} ORDER BY c.id`,
      params,
    );
  }

  const positional = (condition: SqlCondition) => toPositionalSql(condition, 1);

  it.each(['member', 'guest', 'admin', 'manager'])('conversation view/browse/join for a %s', async (who) => {
    const ability = await abilities.forActor(actors[who].actor);
    const all = await conversations(ability);
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const action of ['view', 'browse', 'join']) {
      for (const membershipAlias of ['m', undefined]) {
        const condition = toSqlWhere(ability, action, 'Conversation', 'c', { membershipAlias });
        const { sql, values } = positional(condition);
        const bySql = (await conversations(ability, sql, values)).map((r) => r.id);
        const attributes = (r: ConversationRow): ConversationAttributes => ({ id: r.id, kind: r.kind, archived: r.archived, role: r.role, grants: [] });
        const inMemory = all.filter((r) => ability.can(action, conversationSubject(attributes(r)))).map((r) => r.id);
        expect([action, membershipAlias, bySql]).toEqual([action, membershipAlias, inMemory]);
      }
    }
  });

  it.each(['member', 'guest', 'admin', 'manager'])('user read/resetPassword/directMessage for a %s', async (who) => {
    const ability = await abilities.forActor(actors[who].actor);
    const ids = (await t.query<{ id: string }>(`SELECT id FROM app_user ORDER BY id`)).map((r) => r.id);
    const subjects = await t.app.get(UserSubjects, { strict: false }).load(ability, ids);
    for (const action of ['read', 'resetPassword', 'directMessage']) {
      const condition = toSqlWhere(ability, action, 'User', 'u');
      const { sql, values } = positional(condition);
      const bySql = (await t.query<{ id: string }>(`SELECT u.id FROM app_user u WHERE ${sql} ORDER BY u.id`, values)).map((r) => r.id);
      const inMemory = ids.filter((id) => ability.can(action, subjects.get(id)!));
      expect([action, bySql]).toEqual([action, inMemory]);
    }
  });

  it('gives a guest no browsable channel and a user manager no privileged account to reset', async () => {
    const guest = await abilities.forActor(actors.guest.actor);
    expect(toSqlWhere(guest, 'browse', 'Conversation', 'c').sql).toBe('FALSE');
    const manager = await abilities.forActor(actors.manager.actor);
    const condition = toSqlWhere(manager, 'resetPassword', 'User', 'u');
    const { sql, values } = positional(condition);
    const resettable = (await t.query<{ id: string }>(`SELECT u.id FROM app_user u WHERE ${sql}`, values)).map((r) => r.id);
    expect(resettable).not.toContain(actors.admin.id);
    expect(resettable).not.toContain(actors.manager.id);
    expect(resettable).toContain(actors.member.id);
  });
});
