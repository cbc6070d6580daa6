/**
 * The one method raw SQL needs from TypeORM: an EntityManager inside a transaction, or the
 * DataSource itself outside one.
 */
export interface Queryable {
  // TypeORM types parameters as any[]; unknown[] is the honest subset we pass.
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Runs SQL and returns the rows whatever the statement: TypeORM's postgres driver returns
 * `[rows, affected]` for UPDATE/DELETE (also with RETURNING) and bare rows otherwise. The
 * repositories rely on RETURNING rows for atomic check-and-set statements, so the shape is
 * normalised here once for every library.
 */
export async function queryRows<T>(q: Queryable, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const result: unknown = await q.query(sql, params as unknown[]);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return (Array.isArray(result) ? result : []) as T[];
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

/** Escapes LIKE wildcards so user input matches literally (with `ESCAPE '\'`). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** PostgreSQL refuses NUL in text; such input can never match anything anyway. */
export function hasNul(value: string | undefined): boolean {
  return value !== undefined && value.includes('\u0000');
}
