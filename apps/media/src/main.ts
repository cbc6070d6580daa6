import { ConfigError, loadConfig, type AppConfig } from '@enclave/core';
import { startMediaNode, type MediaNode } from './node/media-node.js';

/** A standalone media node: `node apps/media/dist/main.js`, configured like the server (MEDIA_*, REDIS_URL). */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`enclave-media: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  let node: MediaNode;
  try {
    node = await startMediaNode(config);
  } catch (error) {
    process.stderr.write(`enclave-media: failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  // One line for scripts and supervisors that wait for readiness (the bench does).
  process.stdout.write(`MEDIA NODE READY ${node.nodeId}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await node.stop().catch((error: unknown) => process.stderr.write(`enclave-media: stop failed: ${(error as Error).message}\n`));
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
