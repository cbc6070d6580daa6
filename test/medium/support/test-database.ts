import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate, type DataSourceSettings } from '@enclave/database';

/** The PostgreSQL every medium test and bench uses: local, user postgres, trust auth. */
export const PG_HOST_URL = 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  /** e.g. enclave_medium_3f9a1c2b7d04 */
  readonly name: string;
  /** URL of the fresh database, for child processes (DATABASE_URL). */
  readonly url: string;
  /** Initialised and migrated. */
  readonly dataSource: DataSource;
  /** Closes the DataSource and drops the database (forcing out any other connections). */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  readonly entities?: DataSourceSettings['entities'];
  readonly poolSize?: number;
  /** Name prefix, so a leaked database shows which suite made it. */
  readonly prefix?: string;
  /** Apply the migrations (default true). */
  readonly migrate?: boolean;
}

/**
 * Creates a uniquely named database on the local PostgreSQL, connects a DataSource to it and
 * runs every migration. Call `drop()` in `afterAll`; databases are never shared between runs,
 * so suites can run concurrently and a crashed run leaves only an inert database behind.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = `${options.prefix ?? 'enclave_medium'}_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid test database name ${name}`);
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = `${PG_HOST_URL}/${name}`;
  const dataSource = createDataSource({
    url,
    schema: 'public',
    poolSize: options.poolSize ?? 10,
    entities: options.entities ?? [],
    applicationName: 'enclave-test',
  });
  let dropped = false;
  const drop = async (): Promise<void> => {
    if (dropped) return;
    dropped = true;
    if (dataSource.isInitialized) await dataSource.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    await dataSource.initialize();
    if (options.migrate ?? true) await migrate(dataSource, 'public');
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url, dataSource, drop };
}

/** Runs one statement on the maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: `${PG_HOST_URL}/postgres` });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/**
 * A separate superuser connection to a test database, for what the application must never
 * do itself (disabling triggers to simulate tampering, for instance).
 */
export async function superuserClient(databaseName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: `${PG_HOST_URL}/${databaseName}` });
  await client.connect();
  return client;
}
