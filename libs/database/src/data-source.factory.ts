import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

export interface DataSourceSettings {
  readonly url: string;
  readonly schema: string;
  readonly poolSize: number;
  // TypeORM's own type for entity lists: classes of any shape.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  readonly applicationName?: string;
}

/** One DataSource definition for embedded and production PostgreSQL; never `synchronize`. */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    schema: settings.schema,
    entities: settings.entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName: settings.applicationName ?? 'enclave',
    extra: {
      max: settings.poolSize,
      // Unqualified names resolve into the configured schema (tests isolate runs this way).
      options: `-c search_path=${settings.schema},public`,
      connectionTimeoutMillis: 10_000,
    },
  });
}

/** Creates the schema if needed and applies pending migrations; returns the names applied. */
export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  if (schema !== 'public') await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
