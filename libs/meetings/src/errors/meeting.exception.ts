import { HttpStatus } from '@nestjs/common';
import { AppException, type ErrorDetails } from '@enclave/core';
import { MeetingErrorCode } from '@enclave/contracts';

const STATUS: Record<MeetingErrorCode, HttpStatus> = {
  [MeetingErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [MeetingErrorCode.Ended]: HttpStatus.CONFLICT,
  [MeetingErrorCode.Locked]: HttpStatus.FORBIDDEN,
  [MeetingErrorCode.Full]: HttpStatus.CONFLICT,
  [MeetingErrorCode.NotParticipant]: HttpStatus.FORBIDDEN,
  [MeetingErrorCode.NotModerator]: HttpStatus.FORBIDDEN,
  [MeetingErrorCode.ParticipantNotFound]: HttpStatus.NOT_FOUND,
  [MeetingErrorCode.MutedByHost]: HttpStatus.FORBIDDEN,
  [MeetingErrorCode.InvalidSchedule]: HttpStatus.BAD_REQUEST,
  [MeetingErrorCode.NoMediaNode]: HttpStatus.SERVICE_UNAVAILABLE,
  [MeetingErrorCode.MediaTimeout]: HttpStatus.SERVICE_UNAVAILABLE,
  [MeetingErrorCode.InvalidSignal]: HttpStatus.BAD_REQUEST,
  [MeetingErrorCode.StaleOffer]: HttpStatus.CONFLICT,
  [MeetingErrorCode.ConversationArchived]: HttpStatus.CONFLICT,
  [MeetingErrorCode.InvalidCursor]: HttpStatus.BAD_REQUEST,
};

/** Every error the meetings module raises; the status follows from the code. Messages are client-safe. */
export class MeetingException extends AppException {
  constructor(
    override readonly code: MeetingErrorCode,
    message: string,
    details?: ErrorDetails,
  ) {
    super(code, message, STATUS[code], details);
  }

  static notFound(): MeetingException {
    return new MeetingException(MeetingErrorCode.NotFound, 'Meeting not found.');
  }

  static ended(): MeetingException {
    return new MeetingException(MeetingErrorCode.Ended, 'This meeting has ended.');
  }

  static locked(): MeetingException {
    return new MeetingException(MeetingErrorCode.Locked, 'The meeting is locked: nobody new can join.');
  }

  static notParticipant(): MeetingException {
    return new MeetingException(MeetingErrorCode.NotParticipant, 'You are not a participant of this meeting.');
  }

  static notModerator(): MeetingException {
    return new MeetingException(MeetingErrorCode.NotModerator, 'Only the host or a moderator can do this.');
  }

  static participantNotFound(): MeetingException {
    return new MeetingException(MeetingErrorCode.ParticipantNotFound, 'No such participant in this meeting.');
  }
}
