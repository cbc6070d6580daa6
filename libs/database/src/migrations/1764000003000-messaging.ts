import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messaging: conversations (channels, DMs, group DMs), members, messages with revisions,
 * reactions and threads, and the two event logs behind sync (ARCHITECTURE.md §3).
 *
 * - `conversation.last_seq` is the per-conversation sequence: every conversation-scoped change
 *   increments it under the row lock in the transaction that stores the change, and appends a
 *   `conversation_event` with that seq. A message's `seq` is the seq of its creation event.
 * - `user_stream.last_seq` is the per-user sequence of `user_event` (read marks, membership,
 *   thread inbox), the "user cursor" clients resume from.
 * - Unread and mention counts derive from seqs and `message.mentioned_user_ids`: sending a
 *   message writes nothing per member.
 * - Messages are never physically deleted here: a delete sets `deleted_at` (users see a
 *   tombstone) and edits keep every earlier text in `message_revision` (compliance sees all).
 *
 * Size checks mirror the DTO and configuration limits so that a bug in edge validation cannot
 * store unbounded data.
 */
export class Messaging1764000003000 implements MigrationInterface {
  name = 'Messaging1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conversation (
        id               uuid PRIMARY KEY,
        kind             text NOT NULL CHECK (kind IN ('public_channel', 'private_channel', 'dm', 'group_dm')),
        name             text CHECK (char_length(name) BETWEEN 1 AND 80),
        topic            text NOT NULL DEFAULT '' CHECK (char_length(topic) <= 250),
        purpose          text NOT NULL DEFAULT '' CHECK (char_length(purpose) <= 250),
        dm_key           text UNIQUE CHECK (length(dm_key) <= 128),
        created_by       uuid REFERENCES app_user (id),
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        archived_at      timestamptz,
        archived_by      uuid REFERENCES app_user (id),
        last_seq         bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
        last_message_at  timestamptz,
        member_count     integer NOT NULL DEFAULT 0 CHECK (member_count >= 0),
        CHECK ((kind IN ('public_channel', 'private_channel')) = (name IS NOT NULL)),
        CHECK ((kind IN ('dm', 'group_dm')) = (dm_key IS NOT NULL))
      )`);
    // Channel names are unique case-insensitively (DMs have no name; NULLs never collide).
    await q.query(`CREATE UNIQUE INDEX conversation_name_key ON conversation (lower(name))`);
    // Prefix search of public channel names (browse); contains-search scans the public channels.
    await q.query(`CREATE INDEX conversation_public_name_idx ON conversation (lower(name) text_pattern_ops) WHERE kind = 'public_channel'`);

    await q.query(`
      CREATE TABLE conversation_member (
        conversation_id  uuid NOT NULL REFERENCES conversation (id),
        user_id          uuid NOT NULL REFERENCES app_user (id),
        role             text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'channel_admin')),
        notify_level     text NOT NULL DEFAULT 'all' CHECK (notify_level IN ('all', 'mentions', 'none')),
        muted            boolean NOT NULL DEFAULT false,
        last_read_seq    bigint NOT NULL DEFAULT 0 CHECK (last_read_seq >= 0),
        last_read_at     timestamptz,
        joined_seq       bigint NOT NULL,
        joined_at        timestamptz NOT NULL,
        PRIMARY KEY (conversation_id, user_id)
      )`);
    await q.query(`CREATE INDEX conversation_member_user_idx ON conversation_member (user_id)`);

    await q.query(`
      CREATE TABLE message (
        id                      uuid PRIMARY KEY,
        conversation_id         uuid NOT NULL REFERENCES conversation (id),
        seq                     bigint NOT NULL CHECK (seq >= 1),
        sender_id               uuid NOT NULL REFERENCES app_user (id),
        client_msg_id           text CHECK (length(client_msg_id) BETWEEN 1 AND 64),
        kind                    text NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'system')),
        system_type             text CHECK (length(system_type) <= 64),
        system_data             jsonb CHECK (octet_length(system_data::text) <= 16384),
        text                    text NOT NULL CHECK (char_length(text) <= 65535),
        mentioned_user_ids      uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(mentioned_user_ids) <= 100),
        mentioned_names         text[] NOT NULL DEFAULT '{}' CHECK (cardinality(mentioned_names) <= 100),
        mention_all             text CHECK (mention_all IN ('channel', 'here')),
        thread_root_id          uuid REFERENCES message (id),
        reply_count             integer NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
        last_reply_at           timestamptz,
        last_reply_seq          bigint,
        thread_participant_ids  uuid[] NOT NULL DEFAULT '{}',
        edited_at               timestamptz,
        edit_count              integer NOT NULL DEFAULT 0,
        deleted_at              timestamptz,
        deleted_by              uuid REFERENCES app_user (id),
        pinned_at               timestamptz,
        pinned_by               uuid REFERENCES app_user (id),
        created_at              timestamptz NOT NULL,
        CONSTRAINT message_conversation_seq_key UNIQUE (conversation_id, seq)
      )`);
    // (sender, clientMsgId) is the idempotency key of a send: a retry finds the stored message.
    await q.query(`CREATE UNIQUE INDEX message_client_msg_key ON message (sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL`);
    await q.query(`CREATE INDEX message_thread_idx ON message (thread_root_id, seq) WHERE thread_root_id IS NOT NULL`);
    await q.query(`CREATE INDEX message_pinned_idx ON message (conversation_id, pinned_at) WHERE pinned_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE message_revision (
        message_id   uuid NOT NULL REFERENCES message (id),
        revision     integer NOT NULL CHECK (revision >= 1),
        text         text NOT NULL CHECK (char_length(text) <= 65535),
        created_at   timestamptz NOT NULL,
        replaced_at  timestamptz NOT NULL,
        replaced_by  uuid NOT NULL REFERENCES app_user (id),
        PRIMARY KEY (message_id, revision)
      )`);

    await q.query(`
      CREATE TABLE message_reaction (
        message_id  uuid NOT NULL REFERENCES message (id),
        emoji       text NOT NULL CHECK (length(emoji) BETWEEN 1 AND 80),
        user_id     uuid NOT NULL REFERENCES app_user (id),
        created_at  timestamptz NOT NULL,
        PRIMARY KEY (message_id, emoji, user_id)
      )`);

    // A user's relation to a thread: following (their thread inbox) and their read mark in it.
    await q.query(`
      CREATE TABLE thread_membership (
        user_id          uuid NOT NULL REFERENCES app_user (id),
        root_id          uuid NOT NULL REFERENCES message (id),
        conversation_id  uuid NOT NULL REFERENCES conversation (id),
        following        boolean NOT NULL,
        last_read_seq    bigint NOT NULL DEFAULT 0,
        updated_at       timestamptz NOT NULL,
        PRIMARY KEY (user_id, root_id)
      )`);
    await q.query(`CREATE INDEX thread_membership_followers_idx ON thread_membership (root_id) WHERE following`);

    // The conversation event log: gap-free per conversation, read by range on reconnect.
    // Message events reference the message and are rendered from its current state when read,
    // so a later delete never leaks the deleted text through the log.
    await q.query(`
      CREATE TABLE conversation_event (
        conversation_id  uuid NOT NULL REFERENCES conversation (id),
        seq              bigint NOT NULL CHECK (seq >= 1),
        type             text NOT NULL CHECK (length(type) <= 64),
        message_id       uuid,
        payload          jsonb NOT NULL CHECK (octet_length(payload::text) <= 65536),
        created_at       timestamptz NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      )`);

    await q.query(`
      CREATE TABLE user_stream (
        user_id   uuid PRIMARY KEY REFERENCES app_user (id),
        last_seq  bigint NOT NULL CHECK (last_seq >= 0)
      )`);
    await q.query(`
      CREATE TABLE user_event (
        user_id     uuid NOT NULL REFERENCES app_user (id),
        seq         bigint NOT NULL CHECK (seq >= 1),
        type        text NOT NULL CHECK (length(type) <= 64),
        payload     jsonb NOT NULL CHECK (octet_length(payload::text) <= 65536),
        created_at  timestamptz NOT NULL,
        PRIMARY KEY (user_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE user_event, user_stream, conversation_event, thread_membership, message_reaction, message_revision, message, conversation_member, conversation`,
    );
  }
}
