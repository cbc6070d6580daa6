import { Inject, Injectable } from '@nestjs/common';
import { actingUserId, APP_CONFIG, Clock, parseTimeCursor, encodeTimeCursor, newId, type Actor, type AppConfig } from '@enclave/core';
import { TransactionContext, isUniqueViolation } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import {
  MeetingErrorCode,
  type MeetingListQuery,
  type MeetingListResponse,
  type MeetingQualityResponse,
  type MeetingResponse,
  type ScheduleMeetingRequest,
  type StartCallRequest,
} from '@enclave/contracts';
import { MeetingAccess } from '../access/meeting-access.js';
import { MeetingException } from '../errors/meeting.exception.js';
import { toQualityResponse } from '../quality/quality-summary.js';
import { MeetingTimeline } from '../timeline/meeting-timeline.js';
import { toMeetingResponse, type MeetingRecord } from './meeting.record.js';
import { MeetingsRepository } from './meetings.repository.js';

const ONE_CALL_PER_CONVERSATION = 'meeting_one_call_per_conversation';

/** Starting calls, scheduling meetings, and reading them (attendance is AttendanceService). */
@Injectable()
export class MeetingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(MeetingsRepository) private readonly meetings: MeetingsRepository,
    @Inject(MeetingAccess) private readonly access: MeetingAccess,
    @Inject(MeetingTimeline) private readonly timeline: MeetingTimeline,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Starts the call of a conversation, or returns the one in progress (two people pressing "call" meet in one). */
  async startCall(actor: Actor, conversationId: string, request: StartCallRequest = {}): Promise<MeetingResponse> {
    const userId = actingUserId(actor);
    const conversation = await this.access.conversationFor(actor, conversationId);
    if (!conversation?.membership) throw MeetingException.notParticipant();
    if (conversation.archived) throw new MeetingException(MeetingErrorCode.ConversationArchived, 'The conversation is archived.');
    const running = await this.meetings.findActiveCall(conversationId);
    if (running) return this.respond(running);
    const id = newId();
    const now = this.clock.now();
    try {
      await this.tx.run(async () => {
        await this.meetings.insert(
          { id, conversationId, kind: 'call', title: request.title?.trim() || (conversation.name ?? ''), hostId: userId, status: 'active', scheduledStart: null, scheduledEnd: null, startedAt: now, inviteeIds: [] },
          now,
        );
        await this.audit.record(actor, { action: AuditAction.MeetingStarted, target: { type: 'meeting', id }, outcome: 'success', details: { conversationId } });
      });
    } catch (error) {
      if (!isUniqueViolation(error, ONE_CALL_PER_CONVERSATION)) throw error;
      const winner = await this.meetings.findActiveCall(conversationId);
      if (winner) return this.respond(winner);
      throw error;
    }
    const meeting = await this.require(id);
    await this.timeline.started(meeting, userId);
    this.timeline.marker(meeting, true, 0);
    return this.respond(meeting);
  }

  async schedule(actor: Actor, request: ScheduleMeetingRequest): Promise<MeetingResponse> {
    const userId = actingUserId(actor);
    const startsAt = new Date(request.startsAt);
    const endsAt = new Date(request.endsAt);
    if (!(endsAt.getTime() > startsAt.getTime())) throw new MeetingException(MeetingErrorCode.InvalidSchedule, 'A meeting must end after it starts.');
    if (endsAt.getTime() <= this.clock.now().getTime()) throw new MeetingException(MeetingErrorCode.InvalidSchedule, 'A meeting must end in the future.');
    if (request.conversationId) {
      const conversation = await this.access.conversationFor(actor, request.conversationId);
      if (!conversation?.membership) throw MeetingException.notParticipant();
    }
    const inviteeIds = [...new Set(request.inviteeIds ?? [])].filter((id) => id !== userId);
    const active = await this.meetings.activeUserIds(inviteeIds);
    const unknown = inviteeIds.filter((id) => !active.has(id));
    if (unknown.length > 0) throw new MeetingException(MeetingErrorCode.InvalidSchedule, 'Some invitees are not active users.', { userIds: unknown });
    const id = newId();
    const now = this.clock.now();
    await this.tx.run(async () => {
      await this.meetings.insert(
        { id, conversationId: request.conversationId ?? null, kind: 'scheduled', title: request.title.trim(), hostId: userId, status: 'scheduled', scheduledStart: startsAt, scheduledEnd: endsAt, startedAt: null, inviteeIds },
        now,
      );
      await this.audit.record(actor, {
        action: AuditAction.MeetingScheduled,
        target: { type: 'meeting', id },
        outcome: 'success',
        details: { title: request.title.trim(), startsAt: request.startsAt, endsAt: request.endsAt, invitees: inviteeIds.length, conversationId: request.conversationId ?? null },
      });
    });
    return this.respond(await this.require(id));
  }

  async activeCall(actor: Actor, conversationId: string): Promise<MeetingResponse> {
    const conversation = await this.access.conversationFor(actor, conversationId);
    const running = conversation ? await this.meetings.findActiveCall(conversationId) : undefined;
    if (!running) throw MeetingException.notFound();
    return this.respond(running);
  }

  async get(actor: Actor, meetingId: string): Promise<MeetingResponse> {
    const meeting = await this.require(meetingId);
    const standing = await this.access.standing(actor, meeting);
    // Someone who may not see it learns nothing, not even that it exists.
    if (!standing.canSee) throw MeetingException.notFound();
    return this.respond(meeting);
  }

  /** Meetings the actor hosts, is invited to, attended, or that belong to their conversations; newest first. */
  async list(actor: Actor, query: MeetingListQuery): Promise<MeetingListResponse> {
    const userId = actingUserId(actor);
    const limit = query.limit ?? 50;
    const before = query.cursor ? fromCursor(query.cursor) : undefined;
    const rows = await this.meetings.list({ status: query.status, conversationId: query.conversationId, visibleTo: userId, before }, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((m) => this.respond(m)), nextCursor: rows.length > limit && last ? toCursor(last) : null };
  }

  /** The QoS view of one meeting (route permission: MeetingQualityRead, administrators). */
  async quality(_actor: Actor, meetingId: string): Promise<MeetingQualityResponse> {
    const meeting = await this.require(meetingId);
    return toQualityResponse(this.respond(meeting), meeting, await this.meetings.quality(meetingId), this.clock.now());
  }

  private async require(meetingId: string): Promise<MeetingRecord> {
    const meeting = await this.meetings.find(meetingId);
    if (!meeting) throw MeetingException.notFound();
    return meeting;
  }

  private respond(meeting: MeetingRecord): MeetingResponse {
    return toMeetingResponse(meeting, this.config.http.publicUrl);
  }
}

function toCursor(meeting: MeetingRecord): string {
  return encodeTimeCursor(meeting.createdAt, meeting.id);
}

function fromCursor(cursor: string): { createdAt: Date; id: string } {
  const parsed = parseTimeCursor(cursor);
  if (!parsed) throw new MeetingException(MeetingErrorCode.InvalidCursor, 'The cursor is not valid.');
  return { createdAt: parsed.at, id: parsed.id };
}
