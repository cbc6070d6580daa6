import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@enclave/core';
import { AbilityFactory } from '../ability/ability.factory.js';
import type { AccountGrants } from '../ability/grants.repository.js';
import { toPositionalSql, toSqlWhere } from './to-sql-where.js';

const ME = '00000000-0000-4000-8000-00000000000a';
const build = (roles: string[]) => {
  const grants: AccountGrants = { exists: true, active: true, guestExpiresAt: null, roles: roles.map((name) => ({ name, builtIn: true, permissions: [] })) };
  return new AbilityFactory(loadConfig({ NODE_ENV: 'test' })).build(ME, grants);
};

describe('toSqlWhere', () => {
  it('turns conversation visibility into SQL over the query aliases', () => {
    const condition = toSqlWhere(build([]), 'view', 'Conversation', 'c', { membershipAlias: 'm' });
    expect(condition.sql).toContain('m.role IS NOT NULL');
    expect(condition.sql).toContain('c.kind IS NOT DISTINCT FROM CAST(:authz_');
    expect(Object.values(condition.params)).toContain('public_channel');
  });

  it('is FALSE without any rule (deny by default) and TRUE for an unconditional one', () => {
    expect(toSqlWhere(build(['guest']), 'browse', 'Conversation', 'c').sql).toBe('FALSE');
    expect(toSqlWhere(build([]), 'read', 'User', 'u').sql).toBe('FALSE');
    expect(toSqlWhere(build(['user_manager']), 'read', 'User', 'u').sql).toBe('TRUE');
  });

  it('refuses attributes it has no column for rather than widening a list', () => {
    expect(() => toSqlWhere(build([]), 'post', 'Conversation', 'c')).toThrow(/grants has no SQL column/);
  });

  it('renumbers named parameters for raw SQL after the statement own', () => {
    const condition = { sql: '(a = :authz_0 OR b = :authz_1 OR c = :authz_0) AND x::text = y', params: { authz_0: 1, authz_1: 2 } };
    expect(toPositionalSql(condition, 4)).toEqual({ sql: '(a = $4 OR b = $5 OR c = $4) AND x::text = y', values: [1, 2] });
  });
});
