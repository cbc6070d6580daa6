import type { LeaveReason, MediaSource, MeetingResponse, MeetingStatus, ParticipantResponse, ParticipantState } from '@enclave/contracts';

export type MeetingKind = 'call' | 'scheduled';
export type ParticipantRole = 'host' | 'moderator' | 'participant';

export interface MeetingRecord {
  readonly id: string;
  readonly conversationId: string | null;
  readonly kind: MeetingKind;
  readonly title: string;
  readonly hostId: string;
  readonly status: MeetingStatus;
  readonly locked: boolean;
  readonly scheduledStart: Date | null;
  readonly scheduledEnd: Date | null;
  readonly mediaNodeId: string | null;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  readonly createdAt: Date;
  readonly inviteeIds: readonly string[];
  readonly participantCount: number;
}

export interface ParticipantRecord {
  readonly id: string;
  readonly meetingId: string;
  readonly userId: string;
  readonly sessionId: string;
  readonly displayName: string;
  readonly role: ParticipantRole;
  readonly state: ParticipantState;
  readonly audio: boolean;
  readonly video: boolean;
  readonly screen: boolean;
  readonly handRaised: boolean;
  readonly mutedByHost: readonly MediaSource[];
  readonly requestedAt: Date;
  readonly joinedAt: Date | null;
  readonly leftAt: Date | null;
  readonly leaveReason: LeaveReason | null;
}

export interface ParticipantQualityRecord extends ParticipantRecord {
  readonly samples: number;
  readonly lossSum: number;
  readonly lossSamples: number;
  readonly lossPeak: number | null;
  readonly rttSum: number;
  readonly rttSamples: number;
  readonly rttPeak: number | null;
  readonly jitterSum: number;
  readonly jitterSamples: number;
  readonly bitrateInSum: number;
  readonly bitrateOutSum: number;
  readonly bitrateSamples: number;
  readonly framesDecoded: number;
  readonly framesDropped: number;
}

export function toMeetingResponse(meeting: MeetingRecord, publicUrl: string): MeetingResponse {
  return {
    id: meeting.id,
    conversationId: meeting.conversationId,
    title: meeting.title,
    status: meeting.status,
    hostId: meeting.hostId,
    locked: meeting.locked,
    scheduledStart: meeting.scheduledStart?.toISOString() ?? null,
    scheduledEnd: meeting.scheduledEnd?.toISOString() ?? null,
    inviteeIds: [...meeting.inviteeIds],
    joinUrl: `${publicUrl}/meet/${meeting.id}`,
    startedAt: meeting.startedAt?.toISOString() ?? null,
    endedAt: meeting.endedAt?.toISOString() ?? null,
    participantCount: meeting.participantCount,
    createdAt: meeting.createdAt.toISOString(),
  };
}

/** `speaking` is live state (what the SFU hears, SpeakingParticipants, or the client says); it is not stored. */
export function toParticipantResponse(p: ParticipantRecord, speaking = false): ParticipantResponse {
  return {
    id: p.id,
    meetingId: p.meetingId,
    userId: p.userId,
    displayName: p.displayName,
    role: p.role,
    state: p.state,
    audio: p.audio && !p.mutedByHost.includes('audio'),
    video: p.video && !p.mutedByHost.includes('video'),
    screen: p.screen && !p.mutedByHost.includes('screen'),
    handRaised: p.handRaised,
    speaking,
    mutedByHost: [...p.mutedByHost],
    joinedAt: p.joinedAt?.toISOString() ?? null,
    leftAt: p.leftAt?.toISOString() ?? null,
    leaveReason: p.leaveReason,
  };
}

/** Seconds a participant attended: from admission to leaving (or `now` while still joined). */
export function attendedSeconds(participant: Pick<ParticipantRecord, 'joinedAt' | 'leftAt'>, now = new Date()): number {
  if (!participant.joinedAt) return 0;
  return Math.max(0, Math.round(((participant.leftAt ?? now).getTime() - participant.joinedAt.getTime()) / 1000));
}

/** Seconds a meeting ran: from its start to its end (or `now` while it runs); 0 before it started. */
export function meetingSeconds(meeting: Pick<MeetingRecord, 'startedAt' | 'endedAt'>, now = new Date()): number {
  return attendedSeconds({ joinedAt: meeting.startedAt, leftAt: meeting.endedAt }, now);
}
