import { queryRows, type TransactionContext } from '@enclave/database';

/** Runs one statement in the ambient transaction and returns its rows (shape normalised by queryRows). */
export function sql<T>(tx: TransactionContext, text: string, params: unknown[] = []): Promise<T[]> {
  return queryRows<T>(tx.manager(), text, params);
}
