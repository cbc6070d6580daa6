import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * User groups (admin-managed; later also SCIM/LDAP-synced). Groups nest at most one level
 * (a group with a parent cannot itself be a parent); the service enforces that because a
 * CHECK cannot see other rows. Role grants to groups live with authz, channel links with
 * account administration (1764000006000).
 */
export class Groups1764000005000 implements MigrationInterface {
  name = 'Groups1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_group (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 64),
        display_name  text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 256),
        parent_id     uuid NULL REFERENCES user_group (id),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX user_group_name_key ON user_group (lower(name))`);
    await q.query(`CREATE INDEX user_group_parent_idx ON user_group (parent_id) WHERE parent_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE user_group_member (
        group_id  uuid NOT NULL REFERENCES user_group (id) ON DELETE CASCADE,
        user_id   uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        added_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, user_id)
      )`);
    // "Which groups is this user in" (group filter on the user list, membership follow-through).
    await q.query(`CREATE INDEX user_group_member_user_idx ON user_group_member (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_group_member, user_group`);
  }
}
