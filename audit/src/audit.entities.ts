import type { DataSourceSettings } from '@enclave/database';

/**
 * TypeORM entities of the audit package: none. The trail is written and read with raw SQL on
 * purpose (one batched statement on the hot path; verifiers must see rows exactly as stored,
 * with no ORM hydration in between). Listed anyway so the server's entity list includes the
 * audit package the same way as every other, and keeps doing so if an entity is added.
 */
export const AUDIT_ENTITIES: DataSourceSettings['entities'] = [];
