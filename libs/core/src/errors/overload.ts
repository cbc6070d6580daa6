/** Seconds a client should wait before retrying when the server sheds load. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 1;

/**
 * True when the database connection pool could not hand out a connection in time: the server
 * is overloaded, not broken, so callers get 503 SERVICE_UNAVAILABLE with a retry hint instead
 * of a 500. The message is node-postgres' pool timeout.
 */
export function isPoolExhausted(error: unknown): boolean {
  return error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message);
}
