import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roles granted to groups (authz). Separate from 1764000004000 because it references
 * `user_group`, which 1764000005000 creates. Members of a group hold its roles, and members
 * of a child group also hold the roles of its parent (groups nest one level).
 */
export class AuthzGroupRoles1764000005500 implements MigrationInterface {
  name = 'AuthzGroupRoles1764000005500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE authz_group_role (
        group_id    uuid NOT NULL REFERENCES user_group (id) ON DELETE CASCADE,
        role        text NOT NULL REFERENCES authz_role (name) ON DELETE CASCADE,
        granted_at  timestamptz NOT NULL,
        PRIMARY KEY (group_id, role)
      )`);
    await q.query(`CREATE INDEX authz_group_role_role_idx ON authz_group_role (role)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE authz_group_role`);
  }
}
