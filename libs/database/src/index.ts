export * from './embedded-postgres.js';
export * from './transaction-context.js';
export * from './data-source.factory.js';
export * from './system-settings.repository.js';
export * from './database.module.js';
export { MIGRATIONS } from './migrations/index.js';
export * from './sql-helpers.js';
