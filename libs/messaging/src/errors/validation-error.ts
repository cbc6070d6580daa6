import { HttpStatus } from '@nestjs/common';
import { AppException, CommonErrorCode } from '@enclave/core';

/**
 * Input the edge DTOs already refuse, re-checked in services because the WebSocket gateway and
 * in-process callers reach them too: the same VALIDATION_FAILED a bad REST body gets.
 */
export function validationError(message: string): AppException {
  return new AppException(CommonErrorCode.ValidationFailed, message, HttpStatus.BAD_REQUEST);
}
