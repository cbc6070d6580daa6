import { Inject, Injectable } from '@nestjs/common';
import { actingUserId, Clock, type Actor } from '@enclave/core';
import {
  MeetingErrorCode,
  type MeetingAnswerRequest,
  type MeetingCandidateRequest,
  type MeetingPublishRequest,
  type MeetingStatsRequest,
  type MeetingUpdateRequest,
  type ParticipantRef,
  type ParticipantResponse,
} from '@enclave/contracts';
import { MeetingException } from '../errors/meeting.exception.js';
import { MeetingsBroadcaster } from '../gateway/meetings-broadcaster.js';
import { MediaControlClient } from '../media-control/media-control.client.js';
import { toParticipantResponse, type ParticipantRecord } from '../meetings/meeting.record.js';
import { MeetingsRepository } from '../meetings/meetings.repository.js';
import { SpeakingParticipants } from '../meetings/speaking-participants.js';

/**
 * The signalling a joined participant does: answers and ICE candidates to the SFU, starting and
 * stopping tracks (renegotiation), their own state, and quality reports. Only the device that
 * joined as a participant can signal for it: the participant must be joined, belong to the
 * actor's user and have been created by the actor's session.
 */
@Injectable()
export class SignallingService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MeetingsRepository) private readonly meetings: MeetingsRepository,
    @Inject(MediaControlClient) private readonly media: MediaControlClient,
    @Inject(MeetingsBroadcaster) private readonly broadcaster: MeetingsBroadcaster,
    @Inject(SpeakingParticipants) private readonly speakers: SpeakingParticipants,
  ) {}

  async answer(actor: Actor, request: MeetingAnswerRequest): Promise<null> {
    const { participant, nodeId } = await this.own(actor, request);
    return this.media.send(nodeId, { type: 'answer', participantId: participant.id, revision: request.revision, sdp: request.sdp });
  }

  async candidate(actor: Actor, request: MeetingCandidateRequest): Promise<null> {
    const { participant, nodeId } = await this.own(actor, request);
    return this.media.send(nodeId, { type: 'candidate', participantId: participant.id, candidate: request.candidate });
  }

  /** Start or stop sending a source; the SFU follows with a new offer (`meeting.signal`). */
  async publish(actor: Actor, request: MeetingPublishRequest): Promise<ParticipantResponse> {
    const { participant, nodeId } = await this.own(actor, request);
    if (request.on && participant.mutedByHost.includes(request.source)) throw mutedByHost();
    await this.media.send(nodeId, { type: 'publish', participantId: participant.id, source: request.source, on: request.on });
    return this.applySelf(participant, { meetingId: request.meetingId, participantId: request.participantId, [request.source]: request.on });
  }

  /** The participant's own state (mic, camera, screen, hand, speaking), pushed to everyone in the meeting. */
  async update(actor: Actor, request: MeetingUpdateRequest): Promise<ParticipantResponse> {
    const { participant } = await this.own(actor, request);
    return this.applySelf(participant, request);
  }

  async stats(actor: Actor, request: MeetingStatsRequest): Promise<null> {
    const owner = { meetingId: request.meetingId, userId: actingUserId(actor), sessionId: actor.sessionId ?? '' };
    if (!(await this.meetings.addStats(request.participantId, owner, request.stats, this.clock.now()))) throw MeetingException.notParticipant();
    return null;
  }

  /** For a participant `own()` has already checked. */
  private async applySelf(participant: ParticipantRecord, request: MeetingUpdateRequest): Promise<ParticipantResponse> {
    for (const source of ['audio', 'video', 'screen'] as const) {
      if (request[source] === true && participant.mutedByHost.includes(source)) throw mutedByHost();
    }
    const changed = await this.meetings.updateSelf(participant.id, { audio: request.audio, video: request.video, screen: request.screen, handRaised: request.handRaised });
    if (!changed) throw MeetingException.notParticipant();
    const response = toParticipantResponse(changed, request.speaking ?? this.speakers.has(changed.id));
    this.broadcaster.toMeeting({ type: 'participant.updated', meetingId: changed.meetingId, participant: response });
    return response;
  }

  private async own(actor: Actor, ref: ParticipantRef): Promise<{ participant: ParticipantRecord; nodeId: string }> {
    const userId = actingUserId(actor);
    const found = await this.meetings.findParticipantForSignalling(ref.participantId);
    const participant = found?.participant;
    if (!participant || participant.meetingId !== ref.meetingId || participant.userId !== userId || participant.sessionId !== actor.sessionId || participant.state !== 'joined') {
      throw MeetingException.notParticipant();
    }
    if (found.meetingStatus !== 'active' || !found.mediaNodeId) throw MeetingException.notParticipant();
    return { participant, nodeId: found.mediaNodeId };
  }
}

function mutedByHost(): MeetingException {
  return new MeetingException(MeetingErrorCode.MutedByHost, 'The host muted this; only the host can turn it back on.');
}
