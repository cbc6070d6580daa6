import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The built-in system roles; their permissions live in code (libs/authz built-in-roles.ts). */
const BUILT_IN_ROLES: ReadonlyArray<readonly [string, string, string]> = [
  ['system_admin', 'System administrator', 'Everything, including roles, schemes and moderation of every channel.'],
  ['user_manager', 'User manager', 'Accounts and groups only.'],
  ['compliance_officer', 'Compliance officer', 'Retention, legal holds, exports, flagged content and the message archive.'],
  ['auditor', 'Auditor', 'Reads and exports the audit trail.'],
  ['member', 'Member', 'Every employee: chat, channels, direct messages. Held implicitly by every non-guest account.'],
  ['guest', 'Guest', 'Sees only the conversations they were invited to; cannot create channels, browse or DM outside them.'],
];

/**
 * Authorisation: roles (built-in and custom) and permission schemes.
 *
 * - `authz_role` names every role. Built-in rows exist so grants can reference them; their
 *   permission sets are defined in code (a new permission reaches them without a migration),
 *   so `permissions` is only read for custom roles.
 * - Every role a user holds is a row of identity's `user_system_role`, built-in and custom
 *   alike, so a user's role list (UserResponse.roles, the admin user filter) stays one query.
 *   Its name CHECK is replaced by a foreign key to `authz_role` (which carries the pattern):
 *   deleting a custom role removes its grants in the same statement.
 * - Group grants need `user_group`, created by a later migration: see 1764000005500.
 * - Permission schemes say what each channel role may do: one system default (absent = the
 *   built-in default) and optional per-channel overrides. Arrays hold Permission values; the
 *   service validates them against the enum, the CHECKs only bound their size.
 */
export class Authz1764000004000 implements MigrationInterface {
  name = 'Authz1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE authz_role (
        name          text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
        display_name  text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 128),
        description   text NOT NULL DEFAULT '' CHECK (char_length(description) <= 1000),
        permissions   text[] NOT NULL DEFAULT '{}' CHECK (cardinality(permissions) <= 256),
        built_in      boolean NOT NULL DEFAULT false,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    for (const [name, displayName, description] of BUILT_IN_ROLES) {
      await q.query(`INSERT INTO authz_role (name, display_name, description, built_in) VALUES ($1, $2, $3, true)`, [name, displayName, description]);
    }

    await q.query(`ALTER TABLE user_system_role DROP CONSTRAINT user_system_role_role_check`);
    await q.query(`ALTER TABLE user_system_role ADD CONSTRAINT user_system_role_role_fkey FOREIGN KEY (role) REFERENCES authz_role (name) ON DELETE CASCADE`);
    // "Who holds this role" (role detail, last-admin check).
    await q.query(`CREATE INDEX user_system_role_role_idx ON user_system_role (role)`);

    await q.query(`
      CREATE TABLE authz_default_scheme (
        singleton                  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        member_permissions         text[] NOT NULL CHECK (cardinality(member_permissions) <= 64),
        channel_admin_permissions  text[] NOT NULL CHECK (cardinality(channel_admin_permissions) <= 64),
        updated_at                 timestamptz NOT NULL,
        updated_by                 uuid REFERENCES app_user (id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE authz_channel_scheme (
        conversation_id            uuid PRIMARY KEY REFERENCES conversation (id) ON DELETE CASCADE,
        member_permissions         text[] NOT NULL CHECK (cardinality(member_permissions) <= 64),
        channel_admin_permissions  text[] NOT NULL CHECK (cardinality(channel_admin_permissions) <= 64),
        updated_at                 timestamptz NOT NULL,
        updated_by                 uuid REFERENCES app_user (id) ON DELETE SET NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE authz_channel_scheme, authz_default_scheme`);
    await q.query(`DROP INDEX user_system_role_role_idx`);
    await q.query(`ALTER TABLE user_system_role DROP CONSTRAINT user_system_role_role_fkey`);
    await q.query(`DELETE FROM user_system_role WHERE role !~ '^[a-z_]{1,64}$'`);
    await q.query(`ALTER TABLE user_system_role ADD CONSTRAINT user_system_role_role_check CHECK (role ~ '^[a-z_]{1,64}$')`);
    await q.query(`DROP TABLE authz_role`);
  }
}
