import { HttpStatus } from '@nestjs/common';
import { AppException } from '@enclave/core';
import { MessagingErrorCode } from '@enclave/messaging';

/** Errors the realtime layer raises itself; messaging and identity errors pass through as they are. */
export class RealtimeException extends AppException {
  /** Same code as messaging's, and the same for conversations that do not exist: membership is all it reveals. */
  static notMember(): RealtimeException {
    return new RealtimeException(MessagingErrorCode.NotAMember, 'You are not a member of this conversation.', HttpStatus.FORBIDDEN);
  }
}
