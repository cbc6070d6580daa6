import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { HasNoNul } from '../messaging/messaging-validation.js';
import { MEDIA_SOURCES, type MediaSource } from './media-protocol.js';

/** Sizes a meeting request may have; SDP from browsers is a few KB, a screen-share renegotiation ~10 KB. */
export const MEETING_LIMITS = {
  titleMaxLength: 200,
  maxInvitees: 500,
  sdpMaxLength: 60_000,
  candidateMaxLength: 1_000,
  displayNameMaxLength: 64,
} as const;

/** `POST /api/v1/conversations/:id/meeting`: start (or get the running) call of a conversation. */
export class StartCallRequest {
  @IsOptional()
  @IsString()
  @MaxLength(MEETING_LIMITS.titleMaxLength)
  @HasNoNul()
  title?: string;
}

/** `POST /api/v1/meetings`: a scheduled meeting with invitees and a join link. */
export class ScheduleMeetingRequest {
  @IsString()
  @MinLength(1)
  @MaxLength(MEETING_LIMITS.titleMaxLength)
  @HasNoNul()
  title!: string;

  @IsISO8601({ strict: true })
  startsAt!: string;

  @IsISO8601({ strict: true })
  endsAt!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MEETING_LIMITS.maxInvitees)
  @IsUUID('all', { each: true })
  inviteeIds?: string[];

  /** Optional: the conversation whose members may join without the lobby. */
  @IsOptional()
  @IsUUID('all')
  conversationId?: string;
}

export const MODERATION_ACTIONS = ['mute', 'unmute', 'remove', 'lock', 'unlock', 'end', 'admit', 'deny'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** `POST /api/v1/meetings/:id/moderation` and WS `meeting.moderate`. */
export class ModerateMeetingRequest {
  @IsIn(MODERATION_ACTIONS)
  action!: ModerationAction;

  /** The participant concerned (mute, remove, admit, deny). */
  @IsOptional()
  @IsUUID('all')
  participantId?: string;

  /** What to mute (default audio). */
  @IsOptional()
  @IsIn(MEDIA_SOURCES)
  source?: MediaSource;
}

export class WsModerateMeetingRequest extends ModerateMeetingRequest {
  @IsUUID('all')
  meetingId!: string;
}

/** `meeting.join`. */
export class JoinMeetingRequest {
  @IsUUID('all')
  meetingId!: string;

  /** What the client will publish at once (default audio and video). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(MEDIA_SOURCES, { each: true })
  publish?: MediaSource[];
}

/** Every signalling event after join names the participant the socket joined as. */
export class ParticipantRef {
  @IsUUID('all')
  meetingId!: string;

  @IsUUID('all')
  participantId!: string;
}

/** `meeting.answer`: the client's SDP answer to the SFU's offer of `revision`. */
export class MeetingAnswerRequest extends ParticipantRef {
  @IsInt()
  @Min(1)
  revision!: number;

  @IsString()
  @MinLength(10)
  @MaxLength(MEETING_LIMITS.sdpMaxLength)
  @HasNoNul()
  sdp!: string;
}

export class IceCandidateDto {
  @IsString()
  @MaxLength(MEETING_LIMITS.candidateMaxLength)
  @HasNoNul()
  candidate!: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  sdpMid?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(64)
  sdpMLineIndex?: number | null;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  usernameFragment?: string | null;
}

/** `meeting.candidate`: a trickled ICE candidate of the client. */
export class MeetingCandidateRequest extends ParticipantRef {
  @ValidateNested()
  @Type(() => IceCandidateDto)
  candidate!: IceCandidateDto;
}

/** `meeting.publish`: start or stop sending a source (screen share); the SFU answers with a new offer. */
export class MeetingPublishRequest extends ParticipantRef {
  @IsIn(MEDIA_SOURCES)
  source!: MediaSource;

  @IsBoolean()
  on!: boolean;
}

/** `meeting.update`: the participant's own state, pushed to everyone in the meeting. */
export class MeetingUpdateRequest extends ParticipantRef {
  @IsOptional()
  @IsBoolean()
  audio?: boolean;

  @IsOptional()
  @IsBoolean()
  video?: boolean;

  @IsOptional()
  @IsBoolean()
  screen?: boolean;

  @IsOptional()
  @IsBoolean()
  handRaised?: boolean;

  @IsOptional()
  @IsBoolean()
  speaking?: boolean;
}

/** One `getStats()` summary over the client's connection to the SFU. */
export class MeetingStatsDto {
  @IsOptional() @IsNumber() @Min(0) @Max(60_000) rttMs?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(100) lossPercent?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(60_000) jitterMs?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(10_000_000) bitrateInKbps?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(10_000_000) bitrateOutKbps?: number;
  @IsOptional() @IsInt() @Min(0) framesDecoded?: number;
  @IsOptional() @IsInt() @Min(0) framesDropped?: number;
}

/** `meeting.stats`: sent every `statsIntervalMs`. */
export class MeetingStatsRequest extends ParticipantRef {
  @ValidateNested()
  @Type(() => MeetingStatsDto)
  stats!: MeetingStatsDto;
}

export class MeetingListQuery {
  @IsOptional()
  @IsIn(['scheduled', 'active', 'ended'])
  status?: 'scheduled' | 'active' | 'ended';

  @IsOptional()
  @IsUUID('all')
  conversationId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
