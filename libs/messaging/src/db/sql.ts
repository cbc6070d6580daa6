// Shared with every library that writes SQL: see @enclave/database sql-helpers.
export { queryRows, isUniqueViolation, escapeLike } from '@enclave/database';

/** bigint columns come back from pg as strings; sequence numbers stay far below 2^53. */
export function toSeq(value: string | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function toIso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
