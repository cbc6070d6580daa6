import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext, queryRows } from '@enclave/database';
import type { LeaveReason, MediaSource, MeetingStatsDto, MeetingStatus, ParticipantState } from '@enclave/contracts';
import type { MeetingKind, MeetingRecord, ParticipantQualityRecord, ParticipantRecord, ParticipantRole } from './meeting.record.js';

interface MeetingRow {
  id: string;
  conversation_id: string | null;
  kind: MeetingKind;
  title: string;
  host_id: string;
  status: MeetingStatus;
  locked: boolean;
  scheduled_start: Date | null;
  scheduled_end: Date | null;
  media_node_id: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  created_at: Date;
  invitee_ids: string[] | null;
  participant_count: string | number;
}

interface ParticipantRow {
  id: string;
  meeting_id: string;
  user_id: string;
  session_id: string;
  display_name: string;
  role: ParticipantRole;
  state: ParticipantState;
  audio: boolean;
  video: boolean;
  screen: boolean;
  hand_raised: boolean;
  muted_by_host: MediaSource[];
  requested_at: Date;
  joined_at: Date | null;
  left_at: Date | null;
  leave_reason: LeaveReason | null;
}

interface QualityRow extends ParticipantRow {
  stats_samples: number;
  loss_sum: number;
  loss_samples: number;
  loss_peak: number | null;
  rtt_sum: number;
  rtt_samples: number;
  rtt_peak: number | null;
  jitter_sum: number;
  jitter_samples: number;
  bitrate_in_sum: number;
  bitrate_out_sum: number;
  bitrate_samples: number;
  frames_decoded: string | number;
  frames_dropped: string | number;
}

const MEETING_COLUMNS = `m.*,
  (SELECT coalesce(array_agg(i.user_id ORDER BY i.user_id), '{}') FROM meeting_invitee i WHERE i.meeting_id = m.id) AS invitee_ids,
  (SELECT count(*) FROM meeting_participant p WHERE p.meeting_id = m.id AND p.state = 'joined') AS participant_count`;

const toMeeting = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  conversationId: r.conversation_id,
  kind: r.kind,
  title: r.title,
  hostId: r.host_id,
  status: r.status,
  locked: r.locked,
  scheduledStart: r.scheduled_start,
  scheduledEnd: r.scheduled_end,
  mediaNodeId: r.media_node_id,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  createdAt: r.created_at,
  inviteeIds: r.invitee_ids ?? [],
  participantCount: Number(r.participant_count),
});

const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  userId: r.user_id,
  sessionId: r.session_id,
  displayName: r.display_name,
  role: r.role,
  state: r.state,
  audio: r.audio,
  video: r.video,
  screen: r.screen,
  handRaised: r.hand_raised,
  mutedByHost: r.muted_by_host,
  requestedAt: r.requested_at,
  joinedAt: r.joined_at,
  leftAt: r.left_at,
  leaveReason: r.leave_reason,
});

/** What creating a meeting writes; the rest of MeetingRecord follows from it. */
export type NewMeeting = Pick<MeetingRecord, 'id' | 'conversationId' | 'kind' | 'title' | 'hostId' | 'status' | 'scheduledStart' | 'scheduledEnd' | 'startedAt' | 'inviteeIds'>;

/** What joining (or knocking) writes, with the moment it happened. */
export type NewParticipant = Pick<ParticipantRecord, 'id' | 'meetingId' | 'userId' | 'sessionId' | 'displayName' | 'role' | 'audio' | 'video'> & {
  readonly state: 'lobby' | 'joined';
  readonly now: Date;
};

/** Participant fields the participant sets themself. */
export type ParticipantSelfState = Partial<Pick<ParticipantRecord, 'audio' | 'video' | 'screen' | 'handRaised'>>;

/** Meetings, their invitees and every attendance. Methods join the ambient transaction. */
@Injectable()
export class MeetingsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async insert(meeting: NewMeeting, now: Date): Promise<void> {
    await queryRows(
      this.tx.manager(),
      `INSERT INTO meeting (id, conversation_id, kind, title, host_id, status, scheduled_start, scheduled_end, started_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [meeting.id, meeting.conversationId, meeting.kind, meeting.title, meeting.hostId, meeting.status, meeting.scheduledStart, meeting.scheduledEnd, meeting.startedAt, now],
    );
    if (meeting.inviteeIds.length > 0) {
      await queryRows(this.tx.manager(), `INSERT INTO meeting_invitee (meeting_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [meeting.id, meeting.inviteeIds]);
    }
  }

  async find(id: string): Promise<MeetingRecord | undefined> {
    const rows = await queryRows<MeetingRow>(this.tx.manager(), `SELECT ${MEETING_COLUMNS} FROM meeting m WHERE m.id = $1`, [id]);
    return rows[0] && toMeeting(rows[0]);
  }

  /** Locks the meeting row: joins, leaves and moderation of one meeting are serialised. */
  async lock(id: string): Promise<MeetingRecord | undefined> {
    const rows = await queryRows<MeetingRow>(this.tx.manager(), `SELECT ${MEETING_COLUMNS} FROM meeting m WHERE m.id = $1 FOR UPDATE OF m`, [id]);
    return rows[0] && toMeeting(rows[0]);
  }

  async findActiveCall(conversationId: string): Promise<MeetingRecord | undefined> {
    const rows = await queryRows<MeetingRow>(
      this.tx.manager(),
      `SELECT ${MEETING_COLUMNS} FROM meeting m WHERE m.conversation_id = $1 AND m.status = 'active' AND m.kind = 'call'`,
      [conversationId],
    );
    return rows[0] && toMeeting(rows[0]);
  }

  /** Newest first; `visibleTo` limits to meetings the user hosts, is invited to, attended, or whose conversation they belong to. */
  async list(filter: { status?: MeetingStatus; conversationId?: string; visibleTo?: string; before?: { createdAt: Date; id: string } }, limit: number): Promise<MeetingRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('$?', `$${params.length}`));
    };
    if (filter.status) add(`m.status = $?`, filter.status);
    if (filter.conversationId) add(`m.conversation_id = $?`, filter.conversationId);
    if (filter.visibleTo) {
      add(
        `(m.host_id = $?
          OR EXISTS (SELECT 1 FROM meeting_invitee i WHERE i.meeting_id = m.id AND i.user_id = $?)
          OR EXISTS (SELECT 1 FROM meeting_participant p WHERE p.meeting_id = m.id AND p.user_id = $?)
          OR EXISTS (SELECT 1 FROM conversation_member cm WHERE cm.conversation_id = m.conversation_id AND cm.user_id = $?))`,
        filter.visibleTo,
      );
    }
    if (filter.before) {
      params.push(filter.before.createdAt, filter.before.id);
      where.push(`(m.created_at, m.id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(limit);
    const rows = await queryRows<MeetingRow>(
      this.tx.manager(),
      `SELECT ${MEETING_COLUMNS} FROM meeting m ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY m.created_at DESC, m.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toMeeting);
  }

  async markActive(id: string, mediaNodeId: string, now: Date): Promise<void> {
    await queryRows(this.tx.manager(), `UPDATE meeting SET status = 'active', media_node_id = $2, started_at = coalesce(started_at, $3) WHERE id = $1`, [id, mediaNodeId, now]);
  }

  async setLocked(id: string, locked: boolean): Promise<void> {
    await queryRows(this.tx.manager(), `UPDATE meeting SET locked = $2 WHERE id = $1`, [id, locked]);
  }

  /** Ends the meeting (scheduled meetings that emptied go back to waiting: `idle` true). */
  async end(id: string, endedBy: string | null, now: Date, idle = false): Promise<void> {
    if (idle) await queryRows(this.tx.manager(), `UPDATE meeting SET status = 'scheduled', media_node_id = NULL WHERE id = $1`, [id]);
    else await queryRows(this.tx.manager(), `UPDATE meeting SET status = 'ended', ended_at = $2, ended_by = $3, locked = false WHERE id = $1`, [id, now, endedBy]);
  }

  async insertParticipant(p: NewParticipant): Promise<ParticipantRecord> {
    const rows = await queryRows<ParticipantRow>(
      this.tx.manager(),
      `INSERT INTO meeting_participant (id, meeting_id, user_id, session_id, display_name, role, state, audio, video, requested_at, joined_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $7 = 'joined' THEN $10::timestamptz END)
       RETURNING *`,
      [p.id, p.meetingId, p.userId, p.sessionId, p.displayName, p.role, p.state, p.audio, p.video, p.now],
    );
    return toParticipant(rows[0]);
  }

  async findParticipant(id: string): Promise<ParticipantRecord | undefined> {
    const rows = await queryRows<ParticipantRow>(this.tx.manager(), `SELECT * FROM meeting_participant WHERE id = $1`, [id]);
    return rows[0] && toParticipant(rows[0]);
  }

  /**
   * A participant with what signalling needs of its meeting (status, media node), in one round
   * trip: every answer, candidate and stats report of a call goes through it.
   */
  async findParticipantForSignalling(id: string): Promise<{ participant: ParticipantRecord; meetingStatus: MeetingStatus; mediaNodeId: string | null } | undefined> {
    const rows = await queryRows<ParticipantRow & { meeting_status: MeetingStatus; meeting_media_node_id: string | null }>(
      this.tx.manager(),
      `SELECT p.*, m.status AS meeting_status, m.media_node_id AS meeting_media_node_id
         FROM meeting_participant p JOIN meeting m ON m.id = p.meeting_id
        WHERE p.id = $1`,
      [id],
    );
    const row = rows[0];
    return row && { participant: toParticipant(row), meetingStatus: row.meeting_status, mediaNodeId: row.meeting_media_node_id };
  }

  /** Everyone in the lobby or joined, in arrival order. */
  async liveParticipants(meetingId: string): Promise<ParticipantRecord[]> {
    const rows = await queryRows<ParticipantRow>(
      this.tx.manager(),
      `SELECT * FROM meeting_participant WHERE meeting_id = $1 AND state IN ('lobby', 'joined') ORDER BY requested_at, id`,
      [meetingId],
    );
    return rows.map(toParticipant);
  }

  /** Participants joined right now (the call marker's count). */
  async joinedCount(meetingId: string): Promise<number> {
    const rows = await queryRows<{ n: number }>(this.tx.manager(), `SELECT count(*)::int AS n FROM meeting_participant WHERE meeting_id = $1 AND state = 'joined'`, [meetingId]);
    return rows[0]?.n ?? 0;
  }

  /** Distinct people who were let in at some point (the ended call's system message). */
  async attendeeCount(meetingId: string): Promise<number> {
    const rows = await queryRows<{ n: number }>(this.tx.manager(), `SELECT count(DISTINCT user_id)::int AS n FROM meeting_participant WHERE meeting_id = $1 AND joined_at IS NOT NULL`, [meetingId]);
    return rows[0]?.n ?? 0;
  }

  /** Users the host removed from this meeting (they go through the lobby again, or not at all when locked). */
  async wasRemoved(meetingId: string, userId: string): Promise<boolean> {
    const rows = await queryRows(this.tx.manager(), `SELECT 1 FROM meeting_participant WHERE meeting_id = $1 AND user_id = $2 AND state = 'removed' LIMIT 1`, [meetingId, userId]);
    return rows.length > 0;
  }

  async admit(id: string, now: Date): Promise<ParticipantRecord | undefined> {
    return this.updateOne(`UPDATE meeting_participant SET state = 'joined', joined_at = $2 WHERE id = $1 AND state = 'lobby' RETURNING *`, [id, now]);
  }

  /** Ends an attendance once: a second leave (socket closed after `meeting.leave`) changes nothing. */
  async finish(id: string, state: 'left' | 'removed' | 'denied', reason: LeaveReason, now: Date): Promise<ParticipantRecord | undefined> {
    return this.updateOne(
      `UPDATE meeting_participant SET state = $2, leave_reason = $3, left_at = $4, screen = false, hand_raised = false
       WHERE id = $1 AND state IN ('lobby', 'joined') RETURNING *`,
      [id, state, reason, now],
    );
  }

  async finishAll(meetingId: string, reason: LeaveReason, now: Date): Promise<ParticipantRecord[]> {
    const rows = await queryRows<ParticipantRow>(
      this.tx.manager(),
      `UPDATE meeting_participant SET state = CASE WHEN state = 'lobby' THEN 'denied' ELSE 'left' END, leave_reason = $2, left_at = $3
       WHERE meeting_id = $1 AND state IN ('lobby', 'joined') RETURNING *`,
      [meetingId, reason, now],
    );
    return rows.map(toParticipant);
  }

  async updateSelf(id: string, change: ParticipantSelfState): Promise<ParticipantRecord | undefined> {
    return this.updateOne(
      `UPDATE meeting_participant SET audio = coalesce($2, audio), video = coalesce($3, video), screen = coalesce($4, screen), hand_raised = coalesce($5, hand_raised)
       WHERE id = $1 AND state = 'joined' RETURNING *`,
      [id, change.audio ?? null, change.video ?? null, change.screen ?? null, change.handRaised ?? null],
    );
  }

  async setMutedByHost(id: string, source: MediaSource, muted: boolean): Promise<ParticipantRecord | undefined> {
    return this.updateOne(
      muted
        ? `UPDATE meeting_participant SET muted_by_host = array_append(array_remove(muted_by_host, $2), $2) WHERE id = $1 AND state = 'joined' RETURNING *`
        : `UPDATE meeting_participant SET muted_by_host = array_remove(muted_by_host, $2) WHERE id = $1 AND state = 'joined' RETURNING *`,
      [id, source],
    );
  }

  /** Adds one stats report to the running sums and peaks (absent figures are not counted). */
  /**
   * Adds one report to a participant's quality sums, only when `owner` is the joined session of
   * that participant in an active meeting (the same conditions signalling checks): one round trip
   * for the most frequent message a call sends.
   */
  async addStats(id: string, owner: { meetingId: string; userId: string; sessionId: string }, s: MeetingStatsDto, now: Date): Promise<boolean> {
    const bitrate = s.bitrateInKbps !== undefined || s.bitrateOutKbps !== undefined;
    const rows = await queryRows(
      this.tx.manager(),
      `UPDATE meeting_participant SET
         stats_samples = stats_samples + 1,
         loss_sum = loss_sum + coalesce($2::float8, 0), loss_samples = loss_samples + ($2::float8 IS NOT NULL)::int, loss_peak = greatest(loss_peak, $2::float8),
         rtt_sum = rtt_sum + coalesce($3::float8, 0), rtt_samples = rtt_samples + ($3::float8 IS NOT NULL)::int, rtt_peak = greatest(rtt_peak, $3::float8),
         jitter_sum = jitter_sum + coalesce($4::float8, 0), jitter_samples = jitter_samples + ($4::float8 IS NOT NULL)::int,
         bitrate_in_sum = bitrate_in_sum + coalesce($5::float8, 0), bitrate_out_sum = bitrate_out_sum + coalesce($6::float8, 0), bitrate_samples = bitrate_samples + $9::int,
         frames_decoded = greatest(frames_decoded, coalesce($7::bigint, 0)), frames_dropped = greatest(frames_dropped, coalesce($8::bigint, 0)),
         last_stats_at = $10
       WHERE id = $1 AND state = 'joined' AND meeting_id = $11 AND user_id = $12 AND session_id::text = $13
         AND EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_id AND m.status = 'active' AND m.media_node_id IS NOT NULL)
       RETURNING id`,
      [id, s.lossPercent ?? null, s.rttMs ?? null, s.jitterMs ?? null, s.bitrateInKbps ?? null, s.bitrateOutKbps ?? null, s.framesDecoded ?? null, s.framesDropped ?? null, bitrate ? 1 : 0, now, owner.meetingId, owner.userId, owner.sessionId],
    );
    return rows.length > 0;
  }

  /** Every attendance of a meeting with its quality sums (the admin QoS view). */
  async quality(meetingId: string): Promise<ParticipantQualityRecord[]> {
    const rows = await queryRows<QualityRow>(this.tx.manager(), `SELECT * FROM meeting_participant WHERE meeting_id = $1 AND state <> 'denied' ORDER BY requested_at, id`, [meetingId]);
    return rows.map((r) => ({
      ...toParticipant(r),
      samples: r.stats_samples,
      lossSum: r.loss_sum,
      lossSamples: r.loss_samples,
      lossPeak: r.loss_peak,
      rttSum: r.rtt_sum,
      rttSamples: r.rtt_samples,
      rttPeak: r.rtt_peak,
      jitterSum: r.jitter_sum,
      jitterSamples: r.jitter_samples,
      bitrateInSum: r.bitrate_in_sum,
      bitrateOutSum: r.bitrate_out_sum,
      bitrateSamples: r.bitrate_samples,
      framesDecoded: Number(r.frames_decoded),
      framesDropped: Number(r.frames_dropped),
    }));
  }

  /** The name participants see: the user's display name. */
  async displayName(userId: string): Promise<string> {
    const rows = await queryRows<{ display_name: string }>(this.tx.manager(), `SELECT display_name FROM app_user WHERE id = $1`, [userId]);
    return rows[0]?.display_name ?? 'Unknown';
  }

  /** Which of `ids` are active accounts (invitees must be). */
  async activeUserIds(ids: readonly string[]): Promise<Set<string>> {
    const rows = await queryRows<{ id: string }>(this.tx.manager(), `SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND status = 'active'`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  private async updateOne(sql: string, params: unknown[]): Promise<ParticipantRecord | undefined> {
    const rows = await queryRows<ParticipantRow>(this.tx.manager(), sql, params);
    return rows[0] && toParticipant(rows[0]);
  }
}
