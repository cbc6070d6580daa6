import type { AppConfig } from '@enclave/core';
import { EmbeddedPostgres, createDataSource, migrate, type DataSourceSettings } from '@enclave/database';
import type { DataSource } from 'typeorm';
import { redactUrl } from '@enclave/core';

export interface StartedDatabase {
  readonly dataSource: DataSource;
  readonly embedded: EmbeddedPostgres | undefined;
  /** For the start-up banner: never contains a password. */
  readonly description: string;
  readonly migrationsApplied: string[];
  stop(): Promise<void>;
}

export class DatabaseStartError extends Error {}

/** The server's pool (1) plus room for a maintenance connection (the audit CLI against a stopped server). */
const EMBEDDED_MAX_CONNECTIONS = 2;

/**
 * PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite under DATA_DIR.
 * Migrations run here, before Nest starts, on every start.
 */
export async function startDatabase(config: AppConfig, entities: DataSourceSettings['entities']): Promise<StartedDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    try {
      embedded = await EmbeddedPostgres.start(config.dataDir, EMBEDDED_MAX_CONNECTIONS);
    } catch (error) {
      throw new DatabaseStartError(`Cannot start the embedded database in ${config.dataDir}: ${(error as Error).message}`);
    }
    url = embedded.url;
  }
  // One connection to the embedded database, whatever DATABASE_POOL_SIZE says: PGlite is one
  // session, and pglite-socket interleaves the extended-protocol messages of concurrent
  // connections into it (electric-sql/pglite#1046: "portal does not exist", rows answered to the
  // wrong query). Work queues for the one connection instead, which PGlite would serialise anyway.
  const poolSize = embedded ? 1 : config.database.poolSize;
  const dataSource = createDataSource({ url, schema: config.database.schema, poolSize, entities });
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw new DatabaseStartError(`Cannot connect to PostgreSQL at ${redactPg(url)}: ${(error as Error).message}. Check DATABASE_URL.`);
  }
  let migrationsApplied: string[];
  try {
    migrationsApplied = await migrate(dataSource, config.database.schema);
  } catch (error) {
    await dataSource.destroy();
    await embedded?.stop();
    throw new DatabaseStartError(`Database migration failed: ${(error as Error).message}`);
  }
  const description = embedded ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : `PostgreSQL at ${redactPg(url)}`;
  return {
    dataSource,
    embedded,
    description,
    migrationsApplied,
    async stop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

function redactPg(url: string): string {
  const base = redactUrl(url);
  try {
    return `${base}${new URL(url).pathname}`;
  } catch {
    return base;
  }
}
