import { HttpStatus } from '@nestjs/common';

export type ErrorDetails = Readonly<Record<string, unknown>>;

/**
 * The one exception type every module throws (directly or through a subclass).
 * The global filter turns it into `{ error: { code, message, requestId, details } }`.
 * `message` must be safe to show to a client: never put secrets or internals in it.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: HttpStatus = HttpStatus.BAD_REQUEST,
    readonly details?: ErrorDetails,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
