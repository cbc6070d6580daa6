import { BadRequestException, HttpException, Logger } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { AppException, CommonErrorCode, OVERLOAD_RETRY_AFTER_SECONDS, isPoolExhausted } from '@enclave/core';
import type { Ack, AckError } from '@enclave/contracts';

const logger = new Logger('RealtimeGateway');

/** Maps anything a handler (or its pipes and guards) threw to the error ack; never leaks internals. */
export function toAckError(error: unknown): Ack<never> {
  return { ok: false, error: describe(error) };
}

function describe(error: unknown): AckError {
  if (error instanceof AppException) {
    return error.details ? { code: error.code, message: error.message, details: error.details } : { code: error.code, message: error.message };
  }
  if (error instanceof BadRequestException) {
    const response = error.getResponse();
    const problems = typeof response === 'object' && Array.isArray((response as { message?: unknown }).message) ? (response as { message: string[] }).message : undefined;
    return { code: CommonErrorCode.ValidationFailed, message: 'The event payload is invalid.', ...(problems ? { details: { problems } } : {}) };
  }
  if (error instanceof WsException && error.message === 'Forbidden resource') {
    return { code: CommonErrorCode.Unauthenticated, message: 'Authentication required.' };
  }
  if (error instanceof HttpException && error.getStatus() < 500) {
    return { code: error.getStatus() === 403 ? CommonErrorCode.Forbidden : CommonErrorCode.ValidationFailed, message: error.message };
  }
  if (isPoolExhausted(error)) {
    // Overload, not a bug: the client retries the same clientMsgId after the hint.
    return { code: CommonErrorCode.ServiceUnavailable, message: 'The server is busy. Retry shortly.', details: { retryAfterMs: OVERLOAD_RETRY_AFTER_SECONDS * 1000 } };
  }
  logger.error({ err: error }, 'unhandled error in a WebSocket handler');
  return { code: CommonErrorCode.Internal, message: 'Internal server error.' };
}
