import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { actingUserId, APP_CONFIG, Clock, newId, SYSTEM_ACTOR, type Actor, type AppConfig, AppException, CommonErrorCode } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import { MeetingErrorCode, type JoinMeetingRequest, type LeaveReason, type MeetingJoinResponse, type MediaNodeStatus } from '@enclave/contracts';
import { MeetingAccess } from '../access/meeting-access.js';
import { MeetingException } from '../errors/meeting.exception.js';
import { MeetingsBroadcaster } from '../gateway/meetings-broadcaster.js';
import { MediaControlClient } from '../media-control/media-control.client.js';
import { MediaPlacementService } from '../placement/media-placement.service.js';
import { iceServersFor } from '../turn/turn-credentials.js';
import { MeetingTimeline } from '../timeline/meeting-timeline.js';
import { attendedSeconds, meetingSeconds, toMeetingResponse, toParticipantResponse, type MeetingRecord, type ParticipantRecord } from './meeting.record.js';
import { MeetingsRepository } from './meetings.repository.js';
import { SpeakingParticipants } from './speaking-participants.js';

/** What a committed join decided, for the work done after the commit. */
interface JoinDecision {
  readonly meeting: MeetingRecord;
  readonly participant: ParticipantRecord;
  readonly node: MediaNodeStatus | undefined;
  /** A participant row reused (admitted from the lobby, or the same device joining again). */
  readonly reused: boolean;
}

/** A meeting whose last participant left, or that a moderator ended, and who was still in it. */
export interface EndedMeeting {
  readonly meeting: MeetingRecord;
  readonly finished: readonly ParticipantRecord[];
  readonly byUserId: string;
}

/**
 * Joining and leaving: who gets in (straight away or through the lobby), where the meeting's
 * media runs, and what everyone is told. Each change runs under the meeting's row lock, so a
 * join racing an end, or two joins racing for the last seat, see one order. Media commands and
 * broadcasts happen after the commit: a join the SFU refuses is rolled forward as a leave.
 */
@Injectable()
export class AttendanceService {
  private readonly logger = new Logger(AttendanceService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(MeetingsRepository) private readonly meetings: MeetingsRepository,
    @Inject(MeetingAccess) private readonly access: MeetingAccess,
    @Inject(MediaPlacementService) private readonly placement: MediaPlacementService,
    @Inject(MediaControlClient) private readonly media: MediaControlClient,
    @Inject(MeetingsBroadcaster) private readonly broadcaster: MeetingsBroadcaster,
    @Inject(MeetingTimeline) private readonly timeline: MeetingTimeline,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SpeakingParticipants) private readonly speakers: SpeakingParticipants,
  ) {}

  async join(actor: Actor, request: JoinMeetingRequest): Promise<MeetingJoinResponse> {
    const userId = actingUserId(actor);
    const publish = request.publish ?? ['audio', 'video'];
    const decision = await this.decideJoin(actor, userId, request.meetingId, publish.includes('audio'), publish.includes('video'));
    const { meeting, participant } = decision;
    const base = {
      meeting: toMeetingResponse(meeting, this.config.http.publicUrl),
      participant: toParticipantResponse(participant),
      iceServers: iceServersFor(this.config.meetings, userId, this.clock.now().getTime()),
      statsIntervalMs: this.config.meetings.statsIntervalSeconds * 1000,
    };
    if (participant.state === 'lobby') {
      if (!decision.reused) this.broadcaster.toMeeting({ type: 'lobby.waiting', meetingId: meeting.id, participant: toParticipantResponse(participant) });
      return { ...base, lobby: true, participants: [], media: null, offer: null };
    }
    const node = decision.node as MediaNodeStatus;
    let offer;
    try {
      ({ offer } = await this.media.send(node.nodeId, { type: 'join', meetingId: meeting.id, participantId: participant.id, userId, displayName: participant.displayName, publish }));
    } catch (error) {
      await this.leave(actor, participant.id, 'disconnected');
      throw error;
    }
    const live = await this.meetings.liveParticipants(meeting.id);
    this.broadcaster.toMeeting({ type: 'participant.joined', meetingId: meeting.id, participant: toParticipantResponse(participant) });
    // Not waited for: the joiner's ack (and so its first frame) does not depend on the system message.
    void this.timeline.joined(meeting, participant);
    const joined = live.filter((p) => p.state === 'joined');
    this.timeline.marker(meeting, true, joined.length);
    return {
      ...base,
      lobby: false,
      // Who is talking right now: speaking events only come on a change.
      participants: joined.map((p) => toParticipantResponse(p, this.speakers.has(p.id))),
      media: { nodeId: node.nodeId, address: node.address },
      offer,
    };
  }

  /** Ends one attendance (idempotent); the meeting ends (or goes idle) when its last participant leaves. */
  async leave(actor: Actor, participantId: string, reason: Extract<LeaveReason, 'left' | 'disconnected'>): Promise<void> {
    const outcome = await this.tx.run(async () => {
      const participant = await this.meetings.findParticipant(participantId);
      if (!participant) return undefined;
      const meeting = await this.meetings.lock(participant.meetingId);
      if (!meeting) return undefined;
      const finished = await this.meetings.finish(participantId, 'left', reason, this.clock.now());
      if (!finished) return undefined;
      if (finished.joinedAt) {
        await this.audit.record(actor.userId ? actor : SYSTEM_ACTOR, {
          action: AuditAction.MeetingLeft,
          target: { type: 'meeting', id: meeting.id },
          outcome: 'success',
          details: { participantId, userId: finished.userId, reason, durationSeconds: attendedSeconds(finished) },
        });
      }
      const ended = await this.endIfEmpty(meeting, finished.userId);
      return { meeting, finished, ended };
    });
    if (!outcome) return;
    await this.afterLeft(outcome.meeting, outcome.finished);
    if (outcome.ended) await this.afterEnded(outcome.ended);
  }

  /** Inside the meeting's lock: ends every attendance. Call `afterEnded` once committed. */
  async endLocked(meeting: MeetingRecord, byUserId: string, idle = false): Promise<EndedMeeting> {
    const now = this.clock.now();
    const finished = await this.meetings.finishAll(meeting.id, 'ended', now);
    await this.meetings.end(meeting.id, byUserId, now, idle);
    return { meeting, finished, byUserId };
  }

  /** Tells the media node, the participants and the conversation that a meeting ended. */
  async afterEnded({ meeting, finished, byUserId }: EndedMeeting): Promise<void> {
    if (meeting.mediaNodeId) await this.media.send(meeting.mediaNodeId, { type: 'end', meetingId: meeting.id }).catch((error: unknown) => this.logger.warn({ err: error }, 'media end failed'));
    const current = (await this.meetings.find(meeting.id)) ?? meeting;
    const response = toMeetingResponse(current, this.config.http.publicUrl);
    this.broadcaster.toMeeting({ type: 'meeting.ended', meetingId: meeting.id, meeting: response });
    for (const participant of finished) {
      // Lobby waiters are not in the meeting room: tell them directly.
      if (participant.joinedAt === null) this.broadcaster.toParticipant(participant.id, { type: 'meeting.ended', meetingId: meeting.id, meeting: response });
      this.broadcaster.detach(meeting.id, participant.id);
    }
    if (current.status === 'ended') await this.timeline.ended(current, byUserId, await this.meetings.attendeeCount(meeting.id), meetingSeconds(current, this.clock.now()));
    this.timeline.marker(current, false, 0);
  }

  /** Told by the media node that a participant's connection failed or closed: they are gone. */
  async mediaGone(participantId: string): Promise<void> {
    await this.leave(SYSTEM_ACTOR, participantId, 'disconnected');
  }

  private async afterLeft(meeting: MeetingRecord, participant: ParticipantRecord): Promise<void> {
    if (meeting.mediaNodeId && participant.joinedAt) {
      await this.media.send(meeting.mediaNodeId, { type: 'leave', participantId: participant.id }).catch((error: unknown) => this.logger.debug({ err: error }, 'media leave failed'));
    }
    this.speakers.set(participant.id, false);
    this.broadcaster.toMeeting({ type: 'participant.left', meetingId: meeting.id, participant: toParticipantResponse(participant) });
    this.broadcaster.detach(meeting.id, participant.id);
    if (participant.joinedAt) {
      await this.timeline.left(meeting, participant);
      this.timeline.marker(meeting, true, await this.meetings.joinedCount(meeting.id));
    }
  }

  /**
   * Inside the meeting's lock, after an attendance finished (left, removed): a call ends with its
   * last participant; a scheduled meeting goes back to waiting for its next join. Call
   * `afterEnded` once committed when it returns the ended meeting.
   */
  async endIfEmpty(meeting: MeetingRecord, lastUserId: string): Promise<EndedMeeting | undefined> {
    if (meeting.status !== 'active') return undefined;
    if ((await this.meetings.joinedCount(meeting.id)) > 0) return undefined;
    const idle = meeting.kind === 'scheduled' && (meeting.scheduledEnd?.getTime() ?? 0) > this.clock.now().getTime();
    if (!idle) {
      await this.audit.record(SYSTEM_ACTOR, { action: AuditAction.MeetingEnded, target: { type: 'meeting', id: meeting.id }, outcome: 'success', details: { reason: 'empty' } });
    }
    return this.endLocked(meeting, lastUserId, idle);
  }

  private async decideJoin(actor: Actor, userId: string, meetingId: string, audio: boolean, video: boolean): Promise<JoinDecision> {
    // A participant is one device's session (only it may signal for it): no session, no participant.
    const sessionId = actor.sessionId;
    if (!sessionId) throw new AppException(CommonErrorCode.Unauthenticated, 'Authentication required.', HttpStatus.UNAUTHORIZED);
    // Read outside the lock: the standing (conversation membership, abilities) does not need it.
    const unlocked = await this.meetings.find(meetingId);
    if (!unlocked) throw MeetingException.notFound();
    // Anyone holding the meeting's id (its join link) may knock; who is let in is the lobby's business.
    const [standing, displayName] = await Promise.all([this.access.standing(actor, unlocked), this.meetings.displayName(userId)]);
    return this.tx.run(async () => {
      const meeting = await this.meetings.lock(meetingId);
      if (!meeting) throw MeetingException.notFound();
      if (meeting.status === 'ended') throw MeetingException.ended();
      const now = this.clock.now();
      const live = await this.meetings.liveParticipants(meetingId);
      const mine = live.find((p) => p.sessionId === sessionId && p.userId === userId);
      if (mine?.state === 'lobby') return { meeting, participant: mine, node: undefined, reused: true };
      if (!mine) {
        if (meeting.locked && !standing.moderator) throw MeetingException.locked();
        if (live.filter((p) => p.state === 'joined').length >= this.config.meetings.maxParticipants) {
          throw new MeetingException(MeetingErrorCode.Full, `A meeting holds at most ${this.config.meetings.maxParticipants} participants.`);
        }
      }
      const removedBefore = !standing.moderator && (await this.meetings.wasRemoved(meetingId, userId));
      const straightIn = standing.admittedDirectly && !removedBefore;
      const participant =
        mine ??
        (await this.meetings.insertParticipant({ id: newId(), meetingId, userId, sessionId, displayName, role: standing.role, state: straightIn ? 'joined' : 'lobby', audio, video, now }));
      if (participant.state === 'lobby') return { meeting, participant, node: undefined, reused: false };
      const node = await this.placement.place(meeting.mediaNodeId);
      if (meeting.status !== 'active' || meeting.mediaNodeId !== node.nodeId) await this.meetings.markActive(meetingId, node.nodeId, now);
      await this.audit.record(actor, {
        action: AuditAction.MeetingJoined,
        target: { type: 'meeting', id: meetingId },
        outcome: 'success',
        details: { participantId: participant.id, role: participant.role, admitted: mine !== undefined },
      });
      const current = (await this.meetings.find(meetingId)) ?? meeting;
      return { meeting: current, participant, node, reused: mine !== undefined };
    });
  }
}
