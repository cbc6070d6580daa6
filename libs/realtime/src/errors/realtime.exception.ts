import { HttpStatus } from '@nestjs/common';
import { AppException, CommonErrorCode } from '@enclave/core';

/** Errors the realtime layer raises itself; messaging and identity errors pass through as they are. */
export class RealtimeException extends AppException {
  static notMember(): RealtimeException {
    return new RealtimeException(CommonErrorCode.Forbidden, 'You are not a member of this conversation.', HttpStatus.FORBIDDEN);
  }
}
