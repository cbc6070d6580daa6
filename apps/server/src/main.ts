import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '@enclave/core';
import { RedisUnreachableError } from '@enclave/core';
import { DatabaseStartError } from './bootstrap/start-database.js';
import { createServer, type RunningServer } from './bootstrap/create-server.js';
import { printBanner } from './bootstrap/print-banner.js';
import { BootstrapAdminError, ensureBootstrapAdmin } from './bootstrap/bootstrap-admin.js';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    return fail(error);
  }
  let server: RunningServer;
  try {
    server = await createServer(config);
  } catch (error) {
    return fail(error);
  }
  let admin;
  try {
    admin = await ensureBootstrapAdmin(server.app);
  } catch (error) {
    await server.close().catch(() => undefined);
    return fail(error);
  }
  printBanner({ url: server.url, database: server.database.description, admin });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Enclave is stopping (${signal})…\n`);
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await server.close().catch((error: unknown) => process.stderr.write(`shutdown error: ${(error as Error).message}\n`));
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Expected start-up failures are one clear line on stderr; anything else keeps its stack. */
function fail(error: unknown): never {
  if (error instanceof ConfigError || error instanceof RedisUnreachableError || error instanceof DatabaseStartError || error instanceof BootstrapAdminError) {
    process.stderr.write(`enclave: ${error.message}\n`);
    process.exit(error instanceof ConfigError || error instanceof BootstrapAdminError ? 78 : 1);
  }
  process.stderr.write(`enclave: failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
}

void main();
