import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings: calls started in a conversation and scheduled meetings, each attendance of each
 * participant, and the per-participant quality summary clients report.
 *
 * - At most one running call per conversation (partial unique index): "start a call" in a
 *   channel where one is in progress joins it instead of starting a second.
 * - `meeting_participant` is one attendance (a device joining once); rejoining makes a new
 *   row, so the attendance record (who, when, how long, why it ended) is never overwritten.
 * - Quality is kept as running sums and peaks, not as a series: one UPDATE per report, and the
 *   admin view (average/peak loss and RTT) is arithmetic on one row.
 */
export class Meetings1764000007000 implements MigrationInterface {
  name = 'Meetings1764000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting (
        id               uuid PRIMARY KEY,
        conversation_id  uuid REFERENCES conversation (id) ON DELETE CASCADE,
        kind             text NOT NULL CHECK (kind IN ('call', 'scheduled')),
        title            text NOT NULL DEFAULT '',
        host_id          uuid NOT NULL REFERENCES app_user (id),
        status           text NOT NULL CHECK (status IN ('scheduled', 'active', 'ended')),
        locked           boolean NOT NULL DEFAULT false,
        scheduled_start  timestamptz,
        scheduled_end    timestamptz,
        media_node_id    text,
        started_at       timestamptz,
        ended_at         timestamptz,
        ended_by         uuid REFERENCES app_user (id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meeting_schedule_check CHECK (scheduled_end IS NULL OR scheduled_start IS NULL OR scheduled_end > scheduled_start)
      )`);
    await q.query(`CREATE UNIQUE INDEX meeting_one_call_per_conversation ON meeting (conversation_id) WHERE status = 'active' AND kind = 'call'`);
    await q.query(`CREATE INDEX meeting_conversation_idx ON meeting (conversation_id, created_at DESC)`);
    await q.query(`CREATE INDEX meeting_status_idx ON meeting (status, created_at DESC)`);

    await q.query(`
      CREATE TABLE meeting_invitee (
        meeting_id  uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        PRIMARY KEY (meeting_id, user_id)
      )`);
    await q.query(`CREATE INDEX meeting_invitee_user_idx ON meeting_invitee (user_id)`);

    await q.query(`
      CREATE TABLE meeting_participant (
        id                  uuid PRIMARY KEY,
        meeting_id          uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        user_id             uuid NOT NULL REFERENCES app_user (id),
        session_id          uuid NOT NULL,
        display_name        text NOT NULL,
        role                text NOT NULL CHECK (role IN ('host', 'moderator', 'participant')),
        state               text NOT NULL CHECK (state IN ('lobby', 'joined', 'left', 'removed', 'denied')),
        audio               boolean NOT NULL DEFAULT false,
        video               boolean NOT NULL DEFAULT false,
        screen              boolean NOT NULL DEFAULT false,
        hand_raised         boolean NOT NULL DEFAULT false,
        muted_by_host       text[] NOT NULL DEFAULT '{}',
        requested_at        timestamptz NOT NULL,
        joined_at           timestamptz,
        left_at             timestamptz,
        leave_reason        text CHECK (leave_reason IN ('left', 'removed', 'ended', 'disconnected', 'denied')),
        stats_samples       integer NOT NULL DEFAULT 0,
        loss_sum            double precision NOT NULL DEFAULT 0,
        loss_peak           double precision,
        rtt_sum             double precision NOT NULL DEFAULT 0,
        rtt_samples         integer NOT NULL DEFAULT 0,
        rtt_peak            double precision,
        jitter_sum          double precision NOT NULL DEFAULT 0,
        jitter_samples      integer NOT NULL DEFAULT 0,
        bitrate_in_sum      double precision NOT NULL DEFAULT 0,
        bitrate_out_sum     double precision NOT NULL DEFAULT 0,
        loss_samples        integer NOT NULL DEFAULT 0,
        bitrate_samples     integer NOT NULL DEFAULT 0,
        frames_decoded      bigint NOT NULL DEFAULT 0,
        frames_dropped      bigint NOT NULL DEFAULT 0,
        last_stats_at       timestamptz
      )`);
    await q.query(`CREATE INDEX meeting_participant_meeting_idx ON meeting_participant (meeting_id, requested_at)`);
    await q.query(`CREATE INDEX meeting_participant_live_idx ON meeting_participant (meeting_id) WHERE state IN ('lobby', 'joined')`);
    await q.query(`CREATE INDEX meeting_participant_user_idx ON meeting_participant (user_id, meeting_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_participant`);
    await q.query(`DROP TABLE meeting_invitee`);
    await q.query(`DROP TABLE meeting`);
  }
}
