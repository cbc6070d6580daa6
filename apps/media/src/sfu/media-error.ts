import { MediaErrorCode } from '@enclave/contracts';

/** A failure with a stable code that the node returns to the control plane as `MediaReply.error`. */
export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MediaError';
  }

  static unknownParticipant(participantId: string): MediaError {
    return new MediaError(MediaErrorCode.UnknownParticipant, `No participant ${participantId} on this media node`);
  }
}
