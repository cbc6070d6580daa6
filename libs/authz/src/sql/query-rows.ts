import type { EntityManager } from 'typeorm';

/**
 * Runs SQL and returns the rows whatever the statement: TypeORM's postgres driver returns
 * `[rows, affected]` for UPDATE/DELETE (also with RETURNING) and bare rows otherwise.
 */
export async function queryRows<T>(manager: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const result: unknown = await manager.query(sql, params as unknown[]);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return (Array.isArray(result) ? result : []) as T[];
}

/** True for a PostgreSQL error of the given SQLSTATE (e.g. 23505 unique violation, 23503 foreign key). */
export function isPgError(error: unknown, code: string): boolean {
  if (error === null || typeof error !== 'object') return false;
  const e = error as { code?: string; driverError?: { code?: string } };
  return (e.driverError?.code ?? e.code) === code;
}
