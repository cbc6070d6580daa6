import { ApiProperty } from '@nestjs/swagger';
import type { MediaSource } from './media-protocol.js';

export const MEETING_STATUSES = ['scheduled', 'active', 'ended'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const PARTICIPANT_STATES = ['lobby', 'joined', 'left', 'removed', 'denied'] as const;
export type ParticipantState = (typeof PARTICIPANT_STATES)[number];

/** Why a participant's attendance ended. */
export const LEAVE_REASONS = ['left', 'removed', 'ended', 'disconnected', 'denied'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

export class MeetingResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The channel, DM or group DM the call belongs to; null for a scheduled meeting without one.' })
  conversationId!: string | null;

  @ApiProperty({ example: '周会 weekly sync' })
  title!: string;

  @ApiProperty({ enum: MEETING_STATUSES })
  status!: MeetingStatus;

  @ApiProperty({ format: 'uuid' })
  hostId!: string;

  @ApiProperty({ description: 'A locked meeting admits nobody new (not even through the lobby).' })
  locked!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  scheduledStart!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  scheduledEnd!: string | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  inviteeIds!: string[];

  @ApiProperty({ description: 'The call page of this meeting.' })
  joinUrl!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: string | null;

  @ApiProperty({ description: 'Participants joined right now.' })
  participantCount!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ParticipantResponse {
  @ApiProperty({ format: 'uuid', description: 'One attendance: a device joining once. Rejoining makes a new participant.' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ enum: ['host', 'moderator', 'participant'] })
  role!: 'host' | 'moderator' | 'participant';

  @ApiProperty({ enum: PARTICIPANT_STATES })
  state!: ParticipantState;

  @ApiProperty({ description: 'Microphone on (and not muted by the host).' })
  audio!: boolean;

  @ApiProperty()
  video!: boolean;

  @ApiProperty()
  screen!: boolean;

  @ApiProperty()
  handRaised!: boolean;

  @ApiProperty()
  speaking!: boolean;

  @ApiProperty({ type: [String], description: 'Sources the host muted (audio, video, screen); the participant cannot unmute them.' })
  mutedByHost!: MediaSource[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  joinedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  leftAt!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: LEAVE_REASONS })
  leaveReason!: LeaveReason | null;
}

export class MeetingListResponse {
  @ApiProperty({ type: () => [MeetingResponse] })
  items!: MeetingResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

/** An ICE server for RTCPeerConnection; TURN entries carry time-limited REST credentials. */
export class IceServerResponse {
  @ApiProperty({ type: [String] })
  urls!: string[];

  @ApiProperty({ required: false, description: '`expiry:userId` (TURN REST API).' })
  username?: string;

  @ApiProperty({ required: false, description: 'base64 HMAC-SHA1 of the username with the TURN shared secret.' })
  credential?: string;
}

export class ParticipantQualityResponse {
  @ApiProperty({ format: 'uuid' })
  participantId!: string;

  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  joinedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  leftAt!: string | null;

  @ApiProperty({ description: 'Seconds attended (so far, if still joined).' })
  durationSeconds!: number;

  @ApiProperty({ description: 'Stats reports received.' })
  samples!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Average inbound packet loss, percent.' })
  lossAvgPercent!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  lossPeakPercent!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Average round-trip time to the media server, ms.' })
  rttAvgMs!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  rttPeakMs!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  jitterAvgMs!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Average inbound bitrate, kbit/s.' })
  bitrateInAvgKbps!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Average outbound bitrate, kbit/s.' })
  bitrateOutAvgKbps!: number | null;

  @ApiProperty({ description: 'Latest cumulative frames decoded, over every inbound video track.' })
  framesDecoded!: number;

  @ApiProperty()
  framesDropped!: number;
}

export class MeetingQualityResponse {
  @ApiProperty({ type: () => MeetingResponse })
  meeting!: MeetingResponse;

  @ApiProperty({ description: 'Seconds from start to end (or now).' })
  durationSeconds!: number;

  @ApiProperty({ type: Number, nullable: true })
  lossAvgPercent!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  lossPeakPercent!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  rttAvgMs!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  rttPeakMs!: number | null;

  @ApiProperty({ type: () => [ParticipantQualityResponse] })
  participants!: ParticipantQualityResponse[];
}
