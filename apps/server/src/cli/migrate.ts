import 'reflect-metadata';
import { ConfigError, loadConfig } from '@enclave/core';
import { startDatabase } from '../bootstrap/start-database.js';
import { SERVER_ENTITIES } from '../bootstrap/server-entities.js';

/** `npm run migration:run`: applies pending migrations to the configured database and exits. */
async function run(): Promise<void> {
  try {
    const config = loadConfig();
    const database = await startDatabase(config, SERVER_ENTITIES);
    const applied = database.migrationsApplied;
    process.stdout.write(
      applied.length === 0 ? `No pending migrations (${database.description}).\n` : `Applied ${applied.length} migration(s) to ${database.description}:\n${applied.map((m) => `  ${m}\n`).join('')}`,
    );
    await database.stop();
  } catch (error) {
    process.stderr.write(`enclave: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  }
}

void run();
