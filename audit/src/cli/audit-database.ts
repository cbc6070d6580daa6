import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@enclave/core';
import { EmbeddedDatabaseLockedError, EmbeddedPostgres, createDataSource } from '@enclave/database';
import { AuditChainRepository } from '../store/audit-chain.repository.js';
import { CliError, EXIT } from './cli-error.js';

export interface OpenedDatabase {
  readonly dataSource: DataSource;
  readonly description: string;
  close(): Promise<void>;
}

/**
 * The database the server uses: PostgreSQL at DATABASE_URL, or the embedded PGlite under
 * DATA_DIR. Never migrates: the CLI inspects the trail, it does not change the schema.
 */
export async function openAuditDatabase(config: AppConfig): Promise<OpenedDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  let description = 'PostgreSQL (DATABASE_URL)';
  if (!url) {
    if (!existsSync(join(config.dataDir, 'pgdata'))) {
      throw new CliError(`No embedded database in ${config.dataDir} (DATA_DIR). Set DATA_DIR to the server's data directory, or DATABASE_URL.`, EXIT.cannotRun);
    }
    try {
      embedded = await EmbeddedPostgres.start(config.dataDir, 2);
    } catch (error) {
      if (error instanceof EmbeddedDatabaseLockedError) {
        throw new CliError(
          `The embedded database in ${config.dataDir} is in use by process ${error.pid} (the Enclave server?). ` +
            'PGlite allows one process at a time: stop the server and run this again (with PostgreSQL, use DATABASE_URL while it runs).',
          EXIT.cannotRun,
        );
      }
      throw new CliError(`Cannot open the embedded database in ${config.dataDir}: ${(error as Error).message}`, EXIT.cannotRun);
    }
    url = embedded.url;
    description = `embedded database in ${config.dataDir}`;
  }
  const dataSource = createDataSource({ url, schema: config.database.schema, poolSize: 2, entities: [], applicationName: 'enclave-audit-cli' });
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw new CliError(`Cannot connect to ${description}: ${(error as Error).message}`, EXIT.cannotRun);
  }
  const close = async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  };
  if (!(await new AuditChainRepository().tablesExist(dataSource))) {
    await close();
    throw new CliError(`${description} (schema ${config.database.schema}) has no audit tables: start the server once or run \`npm run migration:run\`.`, EXIT.cannotRun);
  }
  return { dataSource, description, close };
}
