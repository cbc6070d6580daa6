/**
 * The one method the audit store needs from TypeORM: an EntityManager inside a transaction,
 * or the DataSource itself outside one. Raw SQL because the hot path is a single batched
 * statement and the verifier must read rows exactly as stored.
 */
export interface Queryable {
  // TypeORM types parameters as any[]; unknown[] is the honest subset we pass.
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Runs `sql` and types its rows; the audit SQL is fixed, so the shape is known. */
export async function queryRows<T>(q: Queryable, sql: string, parameters?: unknown[]): Promise<T[]> {
  return (await q.query(sql, parameters)) as T[];
}
