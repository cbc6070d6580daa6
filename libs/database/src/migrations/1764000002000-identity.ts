import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity: users, system roles, local credentials, sessions with rotating refresh tokens,
 * TOTP MFA and recovery codes. Size checks mirror the DTO limits so that a bug in the
 * edge validation cannot store unbounded data.
 */
export class Identity1764000002000 implements MigrationInterface {
  name = 'Identity1764000002000';

  async up(q: QueryRunner): Promise<void> {
    // `user` is a reserved word in PostgreSQL, hence app_user.
    await q.query(`
      CREATE TABLE app_user (
        id            uuid PRIMARY KEY,
        username      text NOT NULL CHECK (username ~ '^[a-z0-9._-]{1,64}$'),
        email         text CHECK (length(email) <= 254),
        display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 256),
        locale        text NOT NULL DEFAULT 'en' CHECK (length(locale) <= 35),
        time_zone     text NOT NULL DEFAULT 'UTC' CHECK (length(time_zone) <= 64),
        status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
        created_at    timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);
    // Usernames are stored lower-case already; the lower() index keeps uniqueness
    // case-insensitive even if a later import path forgets to normalise.
    await q.query(`CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username))`);
    await q.query(`CREATE INDEX app_user_email_idx ON app_user (lower(email)) WHERE email IS NOT NULL`);

    await q.query(`
      CREATE TABLE user_system_role (
        user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        role        text NOT NULL CHECK (role ~ '^[a-z_]{1,64}$'),
        granted_at  timestamptz NOT NULL,
        PRIMARY KEY (user_id, role)
      )`);

    // Separate from app_user: SSO-only users have no row, and the hot login counter
    // updates do not rewrite the profile row.
    await q.query(`
      CREATE TABLE user_credential (
        user_id              uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
        password_hash        text NOT NULL CHECK (length(password_hash) <= 512),
        password_changed_at  timestamptz NOT NULL,
        failed_login_count   integer NOT NULL DEFAULT 0,
        locked_until         timestamptz
      )`);

    await q.query(`
      CREATE TABLE user_session (
        id              uuid PRIMARY KEY,
        user_id         uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        created_at      timestamptz NOT NULL,
        last_used_at    timestamptz NOT NULL,
        expires_at      timestamptz NOT NULL,
        revoked_at      timestamptz,
        revoked_reason  text CHECK (length(revoked_reason) <= 64),
        user_agent      text CHECK (length(user_agent) <= 512),
        ip              text CHECK (length(ip) <= 64),
        mfa             boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (user_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE refresh_token (
        id          uuid PRIMARY KEY,
        session_id  uuid NOT NULL REFERENCES user_session (id) ON DELETE CASCADE,
        token_hash  bytea NOT NULL,
        created_at  timestamptz NOT NULL,
        rotated_at  timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_session_idx ON refresh_token (session_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE user_totp (
        user_id            uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
        secret_ciphertext  text NOT NULL CHECK (length(secret_ciphertext) <= 512),
        created_at         timestamptz NOT NULL,
        enabled_at         timestamptz,
        last_used_step     bigint
      )`);

    await q.query(`
      CREATE TABLE mfa_recovery_code (
        id          uuid PRIMARY KEY,
        user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        code_hash   bytea NOT NULL,
        created_at  timestamptz NOT NULL,
        used_at     timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX mfa_recovery_code_lookup ON mfa_recovery_code (user_id, code_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mfa_recovery_code, user_totp, refresh_token, user_session, user_credential, user_system_role, app_user`);
  }
}
