/** The one reply shape of every client event (socket.io acknowledgement). */
export interface AckError {
  /** Stable code clients branch on (e.g. VALIDATION_FAILED, RATE_LIMITED, FORBIDDEN). */
  readonly code: string;
  readonly message: string;
  /** Extra facts, e.g. `retryAfterMs` with RATE_LIMITED or `problems` with VALIDATION_FAILED. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export type Ack<T = unknown> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: AckError };

/** Codes only the realtime edge produces; module codes (messaging, identity) pass through unchanged. */
export enum RealtimeErrorCode {
  UnknownEvent = 'UNKNOWN_EVENT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  RateLimited = 'RATE_LIMITED',
  ValidationFailed = 'VALIDATION_FAILED',
  Forbidden = 'FORBIDDEN',
  Unauthenticated = 'UNAUTHENTICATED',
  Internal = 'INTERNAL_ERROR',
}
