import type { AppConfig } from '@enclave/core';
import { EmbeddedPostgres, createDataSource, migrate, type DataSourceSettings } from '@enclave/database';
import type { DataSource } from 'typeorm';
import { redactUrl } from '../redis/redis-connection.js';

export interface StartedDatabase {
  readonly dataSource: DataSource;
  readonly embedded: EmbeddedPostgres | undefined;
  /** For the start-up banner: never contains a password. */
  readonly description: string;
  readonly migrationsApplied: string[];
  stop(): Promise<void>;
}

export class DatabaseStartError extends Error {}

/**
 * PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite under DATA_DIR.
 * Migrations run here, before Nest starts, on every start.
 */
export async function startDatabase(config: AppConfig, entities: DataSourceSettings['entities']): Promise<StartedDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    try {
      // PGlite serialises queries anyway; a few connections let reads queue instead of failing.
      embedded = await EmbeddedPostgres.start(config.dataDir, Math.max(config.database.poolSize, 4));
    } catch (error) {
      throw new DatabaseStartError(`Cannot start the embedded database in ${config.dataDir}: ${(error as Error).message}`);
    }
    url = embedded.url;
  }
  const dataSource = createDataSource({ url, schema: config.database.schema, poolSize: config.database.poolSize, entities });
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
