import type { TransactionContext } from '@enclave/database';

/**
 * Runs one statement in the ambient transaction and returns its rows. TypeORM's `query()`
 * answers UPDATE and DELETE with `[rows, rowCount]` but everything else with `rows`; the
 * repositories rely on RETURNING rows for their atomic check-and-set statements, so the
 * shape is normalised here once.
 */
export async function sql<T>(tx: TransactionContext, text: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await tx.manager().query(text, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
