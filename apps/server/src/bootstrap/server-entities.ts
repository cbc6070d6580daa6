import type { DataSourceSettings } from '@enclave/database';

/** Every TypeORM entity class the server's DataSource knows, collected from the feature libraries. */
export const SERVER_ENTITIES: DataSourceSettings['entities'] = [];
