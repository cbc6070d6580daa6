import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account administration: user lifecycle columns, daily activity, invitations, bulk imports,
 * and groups linked to channels (members follow the group).
 *
 * - `deactivated_by_admin` marks an account an administrator switched off. Directory sync
 *   (SCIM/LDAP) must never switch it back on; the CHECK makes "active and admin-deactivated"
 *   impossible, so re-enabling means clearing the flag — which only the admin action does.
 * - `user_activity_day` gets at most one row per user and UTC day (upserted on authenticated
 *   requests, throttled in memory): DAU/MAU are index-only counts over its primary key.
 * - Invitation tokens are an HMAC over the row (see the identity README); nothing secret is stored.
 * - `conversation_group_grant` records which channel memberships exist because of which group,
 *   so removing someone from a group (or unlinking a group) removes only memberships the group
 *   gave, never a membership the person had on their own.
 */
export class AccountAdmin1764000006000 implements MigrationInterface {
  name = 'AccountAdmin1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN last_active_at        timestamptz,
        ADD COLUMN must_change_password  boolean NOT NULL DEFAULT false,
        ADD COLUMN deactivated_at        timestamptz,
        ADD COLUMN deactivated_by_admin  boolean NOT NULL DEFAULT false,
        ADD COLUMN erased_at             timestamptz,
        ADD COLUMN guest_expires_at      timestamptz,
        ADD CONSTRAINT app_user_admin_deactivation_check CHECK (NOT (status = 'active' AND deactivated_by_admin)),
        ADD CONSTRAINT app_user_erased_check CHECK (erased_at IS NULL OR status = 'deactivated')`);
    await q.query(`CREATE INDEX app_user_last_active_idx ON app_user (last_active_at)`);
    await q.query(`CREATE INDEX app_user_status_idx ON app_user (status)`);

    await q.query(`
      CREATE TABLE user_activity_day (
        day      date NOT NULL,
        user_id  uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        PRIMARY KEY (day, user_id)
      )`);

    await q.query(`
      CREATE TABLE user_invitation (
        id                uuid PRIMARY KEY,
        email             text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        display_name      text CHECK (char_length(display_name) BETWEEN 1 AND 256),
        roles             text[] NOT NULL DEFAULT '{}' CHECK (cardinality(roles) <= 20),
        group_ids         uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(group_ids) <= 100),
        status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'revoked')),
        invited_by        uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at        timestamptz NOT NULL,
        expires_at        timestamptz NOT NULL,
        accepted_at       timestamptz,
        accepted_user_id  uuid REFERENCES app_user (id) ON DELETE SET NULL,
        mail_sent_at      timestamptz,
        mail_error        text CHECK (length(mail_error) <= 512)
      )`);
    await q.query(`CREATE INDEX user_invitation_pending_email_idx ON user_invitation (lower(email)) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX user_invitation_created_idx ON user_invitation (created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE user_import (
        id               uuid PRIMARY KEY,
        created_by       uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        status           text NOT NULL CHECK (status IN ('validated', 'queued', 'running', 'completed', 'failed')),
        csv              text,
        rows_total       integer NOT NULL CHECK (rows_total >= 0),
        rows_done        integer NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
        created_count    integer NOT NULL DEFAULT 0,
        updated_count    integer NOT NULL DEFAULT 0,
        unchanged_count  integer NOT NULL DEFAULT 0,
        error_count      integer NOT NULL DEFAULT 0,
        errors           jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(errors) = 'array' AND octet_length(errors::text) <= 1048576),
        dry_run          jsonb NOT NULL CHECK (octet_length(dry_run::text) <= 65536),
        started_at       timestamptz,
        finished_at      timestamptz,
        failure          text CHECK (length(failure) <= 512)
      )`);
    await q.query(`CREATE INDEX user_import_created_idx ON user_import (created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE conversation_group (
        group_id         uuid NOT NULL REFERENCES user_group (id) ON DELETE CASCADE,
        conversation_id  uuid NOT NULL REFERENCES conversation (id),
        added_at         timestamptz NOT NULL,
        added_by         uuid REFERENCES app_user (id) ON DELETE SET NULL,
        PRIMARY KEY (group_id, conversation_id)
      )`);
    await q.query(`CREATE INDEX conversation_group_conversation_idx ON conversation_group (conversation_id)`);

    await q.query(`
      CREATE TABLE conversation_group_grant (
        conversation_id  uuid NOT NULL REFERENCES conversation (id),
        user_id          uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        group_id         uuid NOT NULL REFERENCES user_group (id) ON DELETE CASCADE,
        PRIMARY KEY (conversation_id, user_id, group_id)
      )`);
    await q.query(`CREATE INDEX conversation_group_grant_user_idx ON conversation_group_grant (user_id)`);
    await q.query(`CREATE INDEX conversation_group_grant_group_idx ON conversation_group_grant (group_id, conversation_id)`);

    // Console statistics: messages per day and top channels are index-only scans over a time range.
    await q.query(`CREATE INDEX message_created_conversation_idx ON message (created_at, conversation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX message_created_conversation_idx`);
    await q.query(`DROP TABLE conversation_group_grant, conversation_group, user_import, user_invitation, user_activity_day`);
    await q.query(`DROP INDEX app_user_status_idx, app_user_last_active_idx`);
    await q.query(`
      ALTER TABLE app_user
        DROP CONSTRAINT app_user_erased_check,
        DROP CONSTRAINT app_user_admin_deactivation_check,
        DROP COLUMN guest_expires_at, DROP COLUMN erased_at, DROP COLUMN deactivated_by_admin,
        DROP COLUMN deactivated_at, DROP COLUMN must_change_password, DROP COLUMN last_active_at`);
  }
}
