/** Stable codes of meeting errors (REST `error.code`, WebSocket ack `error.code`). */
export enum MeetingErrorCode {
  NotFound = 'MEETING_NOT_FOUND',
  Ended = 'MEETING_ENDED',
  Locked = 'MEETING_LOCKED',
  Full = 'MEETING_FULL',
  NotParticipant = 'MEETING_NOT_PARTICIPANT',
  NotModerator = 'MEETING_NOT_MODERATOR',
  ParticipantNotFound = 'MEETING_PARTICIPANT_NOT_FOUND',
  /** The host muted this source; only the host can let it back on. */
  MutedByHost = 'MEETING_MUTED_BY_HOST',
  InvalidSchedule = 'MEETING_INVALID_SCHEDULE',
  /** No live media node to place the meeting on. */
  NoMediaNode = 'MEETING_NO_MEDIA_NODE',
  /** The media node did not answer in time. */
  MediaTimeout = 'MEETING_MEDIA_TIMEOUT',
  /** The SDP or candidate was refused by the media server. */
  InvalidSignal = 'MEETING_INVALID_SIGNAL',
  /** The answer was for an offer that has since been replaced. */
  StaleOffer = 'MEETING_STALE_OFFER',
  ConversationArchived = 'MEETING_CONVERSATION_ARCHIVED',
  InvalidCursor = 'MEETING_INVALID_CURSOR',
}
