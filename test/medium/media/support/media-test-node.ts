import { randomBytes, randomInt } from 'node:crypto';
import { loadConfig, type AppConfig } from '@enclave/core';
import { Redis } from 'ioredis';
import { MediaNode } from '../../../../apps/media/src/index.js';
import { MediaCommandClient } from '../../../bench/meetings/media-command-client.js';
import { SyntheticParticipant, type SyntheticParticipantOptions } from '../../../bench/meetings/synthetic-participant.js';
import { deletePrefixedKeys } from '../../../bench/meetings/wait-and-clean.js';

export { eventually } from '../../../bench/meetings/wait-and-clean.js';

export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export interface MediaTestNode {
  readonly config: AppConfig;
  readonly prefix: string;
  readonly node: MediaNode;
  readonly client: MediaCommandClient;
  /** A plain connection for looking at keys. */
  readonly redis: Redis;
  participant(options: SyntheticParticipantOptions): SyntheticParticipant;
  close(): Promise<void>;
}

/**
 * A started MediaNode on 127.0.0.1 under its own Redis key prefix and its own slice of the UDP
 * range (suites run in parallel), with a control-plane client to drive it. close() stops
 * everything and deletes the prefix's keys.
 */
export async function startMediaTestNode(env: Record<string, string> = { LOG_LEVEL: process.env.MEDIA_TEST_LOG_LEVEL ?? 'silent' }): Promise<MediaTestNode> {
  const prefix = `enclave-medium-${randomBytes(4).toString('hex')}:`;
  const portMin = 40_000 + randomInt(0, 45) * 200;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    MEDIA_BIND_ADDRESS: '127.0.0.1',
    MEDIA_UDP_PORT_MIN: String(portMin),
    MEDIA_UDP_PORT_MAX: String(portMin + 199),
    MEDIA_HEARTBEAT_SECONDS: '1',
    ...env,
  });
  const node = new MediaNode(config);
  await node.start();
  const client = await MediaCommandClient.connect(TEST_REDIS_URL, prefix, node.nodeId);
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 2 });
  const participants: SyntheticParticipant[] = [];
  return {
    config,
    prefix,
    node,
    client,
    redis,
    participant(options) {
      const participant = new SyntheticParticipant(client, options);
      participants.push(participant);
      return participant;
    },
    async close() {
      await Promise.all(participants.map((p) => p.close()));
      await node.stop();
      await client.close();
      await deletePrefixedKeys(redis, prefix);
      await redis.quit();
    },
  };
}
