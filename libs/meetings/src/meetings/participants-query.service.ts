import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@enclave/core';
import type { ParticipantResponse } from '@enclave/contracts';
import { MeetingAccess } from '../access/meeting-access.js';
import { MeetingException } from '../errors/meeting.exception.js';
import { toParticipantResponse } from './meeting.record.js';
import { MeetingsRepository } from './meetings.repository.js';
import { SpeakingParticipants } from './speaking-participants.js';

/** Who is in a meeting now; the lobby only for those who can let people in. */
@Injectable()
export class ParticipantsQueryService {
  constructor(
    @Inject(MeetingsRepository) private readonly meetings: MeetingsRepository,
    @Inject(MeetingAccess) private readonly access: MeetingAccess,
    @Inject(SpeakingParticipants) private readonly speakers: SpeakingParticipants,
  ) {}

  async live(actor: Actor, meetingId: string): Promise<ParticipantResponse[]> {
    const meeting = await this.meetings.find(meetingId);
    if (!meeting) throw MeetingException.notFound();
    const standing = await this.access.standing(actor, meeting);
    if (!standing.canSee) throw MeetingException.notFound();
    const live = await this.meetings.liveParticipants(meetingId);
    return live.filter((p) => p.state === 'joined' || standing.moderator).map((p) => toParticipantResponse(p, this.speakers.has(p.id)));
  }
}
