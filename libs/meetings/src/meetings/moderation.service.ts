import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, Clock, type Actor, type AppConfig } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import type { MediaSource, MeetingResponse, ModerateMeetingRequest } from '@enclave/contracts';
import { MeetingAccess } from '../access/meeting-access.js';
import { MeetingException } from '../errors/meeting.exception.js';
import { MeetingsBroadcaster } from '../gateway/meetings-broadcaster.js';
import { MediaControlClient } from '../media-control/media-control.client.js';
import { MeetingTimeline } from '../timeline/meeting-timeline.js';
import { AttendanceService, type EndedMeeting } from './attendance.service.js';
import { toMeetingResponse, toParticipantResponse, type MeetingRecord, type ParticipantRecord } from './meeting.record.js';
import { MeetingsRepository } from './meetings.repository.js';

type Outcome =
  /** `ended`: removing the last participant ended the meeting. */
  | { readonly kind: 'participant'; readonly meeting: MeetingRecord; readonly participant: ParticipantRecord; readonly ended?: EndedMeeting }
  | { readonly kind: 'meeting'; readonly meeting: MeetingRecord }
  | { readonly kind: 'ended'; readonly ended: EndedMeeting };

/**
 * What the host (and channel admins, and those who may moderate every channel) can do to a
 * meeting: mute, remove, lock, end, and let people in from the lobby. Each action is audited
 * in the transaction that makes it, under the meeting's lock.
 */
@Injectable()
export class ModerationService {
  private readonly logger = new Logger(ModerationService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(MeetingsRepository) private readonly meetings: MeetingsRepository,
    @Inject(MeetingAccess) private readonly access: MeetingAccess,
    @Inject(AttendanceService) private readonly attendance: AttendanceService,
    @Inject(MediaControlClient) private readonly media: MediaControlClient,
    @Inject(MeetingsBroadcaster) private readonly broadcaster: MeetingsBroadcaster,
    @Inject(MeetingTimeline) private readonly timeline: MeetingTimeline,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async moderate(actor: Actor, meetingId: string, request: ModerateMeetingRequest): Promise<MeetingResponse> {
    const unlocked = await this.meetings.find(meetingId);
    if (!unlocked) throw MeetingException.notFound();
    const standing = await this.access.standing(actor, unlocked);
    if (!standing.moderator) throw standing.canSee ? MeetingException.notModerator() : MeetingException.notFound();
    const outcome = await this.tx.run(async (): Promise<Outcome> => {
      const meeting = await this.meetings.lock(meetingId);
      if (!meeting) throw MeetingException.notFound();
      if (meeting.status === 'ended') throw MeetingException.ended();
      const audit = (action: AuditAction, details: Record<string, unknown>) => this.audit.record(actor, { action, target: { type: 'meeting', id: meetingId }, outcome: 'success', details });
      switch (request.action) {
        case 'lock':
        case 'unlock': {
          await this.meetings.setLocked(meetingId, request.action === 'lock');
          await audit(request.action === 'lock' ? AuditAction.MeetingLocked : AuditAction.MeetingUnlocked, {});
          return { kind: 'meeting', meeting: (await this.meetings.find(meetingId)) ?? meeting };
        }
        case 'end': {
          await audit(AuditAction.MeetingEnded, { reason: 'ended_by_moderator' });
          return { kind: 'ended', ended: await this.attendance.endLocked(meeting, standing.userId) };
        }
        default: {
          const target = await this.target(meetingId, request.participantId);
          const source: MediaSource = request.source ?? 'audio';
          const now = this.clock.now();
          let changed: ParticipantRecord | undefined;
          if (request.action === 'mute' || request.action === 'unmute') {
            changed = await this.meetings.setMutedByHost(target.id, source, request.action === 'mute');
            if (changed && request.action === 'mute') await audit(AuditAction.MeetingParticipantMuted, { participantId: target.id, userId: target.userId, source });
          } else if (request.action === 'remove') {
            changed = await this.meetings.finish(target.id, 'removed', 'removed', now);
            if (changed) await audit(AuditAction.MeetingParticipantRemoved, { participantId: target.id, userId: target.userId });
          } else if (request.action === 'admit') {
            changed = await this.meetings.admit(target.id, now);
            if (changed) await audit(AuditAction.MeetingParticipantAdmitted, { participantId: target.id, userId: target.userId });
          } else {
            changed = await this.meetings.finish(target.id, 'denied', 'denied', now);
            if (changed) await audit(AuditAction.MeetingParticipantDenied, { participantId: target.id, userId: target.userId });
          }
          if (!changed) throw MeetingException.participantNotFound();
          // Like leaving: removing the last one in the meeting ends it (an admin can remove without being in it).
          const ended = request.action === 'remove' && changed.joinedAt ? await this.attendance.endIfEmpty(meeting, standing.userId) : undefined;
          return { kind: 'participant', meeting, participant: changed, ended };
        }
      }
    });
    await this.announce(request, outcome, standing.userId);
    const meeting = outcome.kind === 'ended' ? outcome.ended.meeting : outcome.meeting;
    return toMeetingResponse((await this.meetings.find(meeting.id)) ?? meeting, this.config.http.publicUrl);
  }

  private async target(meetingId: string, participantId: string | undefined): Promise<ParticipantRecord> {
    const participant = participantId ? await this.meetings.findParticipant(participantId) : undefined;
    if (!participant || participant.meetingId !== meetingId) throw MeetingException.participantNotFound();
    return participant;
  }

  /** After the commit: media, the people concerned, the conversation. */
  private async announce(request: ModerateMeetingRequest, outcome: Outcome, byUserId: string): Promise<void> {
    if (outcome.kind === 'ended') return this.attendance.afterEnded(outcome.ended);
    const meetingId = outcome.meeting.id;
    if (outcome.kind === 'meeting') {
      this.broadcaster.toMeeting({ type: 'meeting.updated', meetingId, meeting: toMeetingResponse(outcome.meeting, this.config.http.publicUrl) });
      return;
    }
    const { meeting, participant } = outcome;
    const response = toParticipantResponse(participant);
    const nodeId = meeting.mediaNodeId;
    const tellMedia = async (send: () => Promise<unknown>) => {
      if (nodeId) await send().catch((error: unknown) => this.logger.warn({ err: error, meetingId }, 'media moderation command failed'));
    };
    switch (request.action) {
      case 'mute':
      case 'unmute': {
        const source = request.source ?? 'audio';
        await tellMedia(() => this.media.send(nodeId ?? '', { type: 'mute', participantId: participant.id, source, muted: request.action === 'mute' }));
        this.broadcaster.toMeeting({ type: 'participant.updated', meetingId, participant: response });
        if (request.action === 'mute') this.broadcaster.toParticipant(participant.id, { type: 'you.muted', meetingId, participant: response, source });
        return;
      }
      case 'remove': {
        this.broadcaster.toParticipant(participant.id, { type: 'you.removed', meetingId, participant: response });
        // Someone removed from the lobby never reached the media node.
        if (participant.joinedAt) await tellMedia(() => this.media.send(nodeId ?? '', { type: 'leave', participantId: participant.id }));
        this.broadcaster.detach(meetingId, participant.id);
        this.broadcaster.toMeeting({ type: 'participant.left', meetingId, participant: response });
        await this.timeline.removed(meeting, participant, byUserId);
        if (outcome.ended) return this.attendance.afterEnded(outcome.ended);
        this.timeline.marker(meeting, true, await this.meetings.joinedCount(meetingId));
        return;
      }
      case 'admit':
        this.broadcaster.toParticipant(participant.id, { type: 'lobby.admitted', meetingId, participant: response });
        return;
      default:
        this.broadcaster.toParticipant(participant.id, { type: 'lobby.denied', meetingId, participant: response });
    }
  }
}
