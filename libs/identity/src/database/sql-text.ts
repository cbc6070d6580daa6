/** Escapes LIKE wildcards so user input matches literally (with `ESCAPE '\'`). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

interface DriverError {
  code?: string;
  constraint?: string;
  driverError?: { code?: string; constraint?: string };
}

/** True for a PostgreSQL unique violation, optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (error === null || typeof error !== 'object') return false;
  const e = error as DriverError;
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}

/** PostgreSQL refuses NUL in text; such input can never match anything anyway. */
export function hasNul(value: string | undefined): boolean {
  return value !== undefined && value.includes('\u0000');
}
