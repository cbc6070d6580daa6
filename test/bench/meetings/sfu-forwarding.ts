/**
 * Part (b): how many subscriber streams one core of the SFU forwards. A media node (the real
 * apps/media build, werift backend) runs alone on CPU 0; the load generator (sfu-load.process)
 * on CPU 1 publishes one ~500 kbit/s VP8-sized stream (1200-byte packets at 50/s) to 1, 5, 20
 * and 50 werift subscribers through the Redis protocol. We read the node's CPU from /proc over
 * the measured window and count what the subscribers received.
 *
 * Options: --subscribers 1,5,20,50  --duration S (15)  --warmup S (3)  --redis URL
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { CpuMeter } from '../fanout/process-stats.js';
import type { MeetingsBenchPart } from './meetings-bench-part.js';
import { spawnNode, tasksetAvailable } from '../pinned-process.js';
import type { SfuLoadPlan, SfuLoadResult } from './sfu-load.process.js';
import { deletePrefixedKeys } from './wait-and-clean.js';
import { argValue } from '../bench-args.js';

const SFU_CPU = 0;
const LOAD_CPU = 1;
const PACKETS_PER_SECOND = 50;
const PAYLOAD_BYTES = 1200;
const GOAL_STREAMS_PER_CORE = 250;
const MEDIA_MAIN = resolve(import.meta.dirname, '../../../../apps/media/dist/main.js');

interface Row extends SfuLoadResult {
  readonly cpuPercent: number;
}

export const part: MeetingsBenchPart = {
  name: 'sfu-forwarding',
  description: `one ${((PACKETS_PER_SECOND * PAYLOAD_BYTES * 8) / 1000).toFixed(0)} kbit/s VP8-sized publisher to N subscribers through the werift SFU`,
  async run(args) {
    const counts = (argValue(args, '--subscribers') ?? '1,5,20,50').split(',').map(Number);
    const durationSeconds = Number(argValue(args, '--duration') ?? 15);
    const warmupSeconds = Number(argValue(args, '--warmup') ?? 3);
    const redisUrl = argValue(args, '--redis') ?? 'redis://127.0.0.1:6379';
    if (!tasksetAvailable) console.log('taskset not found: the SFU and the load generator are not pinned, figures are rougher');
    const rows: Row[] = [];
    for (const subscribers of counts) {
      const row = await measure({ subscribers, durationSeconds, warmupSeconds, redisUrl });
      rows.push(row);
      console.log(`N=${subscribers}: SFU ${row.cpuPercent.toFixed(1)}% of a core, ${(row.received / row.durationSeconds).toFixed(0)} packets/s out`);
    }
    console.log(`\nSFU forwarding, ${durationSeconds} s per run, SFU on CPU ${SFU_CPU}, load generator on CPU ${LOAD_CPU}:\n`);
    console.log(formatTable(rows));
    const first = rows.reduce((a, b) => (b.subscribers < a.subscribers ? b : a));
    const last = rows.reduce((a, b) => (b.subscribers > a.subscribers ? b : a));
    if (last.subscribers > first.subscribers) {
      // The node's fixed cost (heartbeats, RTCP, the publisher's receive path) spread over few subscribers hides the per-stream cost.
      const perStream = (last.cpuPercent - first.cpuPercent) / (last.subscribers - first.subscribers);
      console.log(`\nmarginal CPU per added subscriber stream (N=${first.subscribers}..${last.subscribers}): ${perStream.toFixed(3)}% of a core, ≈ ${perStream > 0 ? (100 / perStream).toFixed(0) : '-'} streams per core`);
    }
    console.log(`\ngoal: >= ${GOAL_STREAMS_PER_CORE} subscriber streams per core`);
  },
};

async function measure(options: { subscribers: number; durationSeconds: number; warmupSeconds: number; redisUrl: string }): Promise<Row> {
  const prefix = `enclave-bench-${randomBytes(4).toString('hex')}:`;
  const nodeId = `bench-${randomBytes(3).toString('hex')}`;
  const node = spawnNode(SFU_CPU, MEDIA_MAIN, [], {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: prefix,
    MEDIA_NODE_ID: nodeId,
    MEDIA_BIND_ADDRESS: '127.0.0.1',
    MEDIA_UDP_PORT_MIN: '46000',
    MEDIA_UDP_PORT_MAX: '46999',
  });
  try {
    await node.waitForLine(/^MEDIA NODE READY (\S+)/);
    const plan: SfuLoadPlan = {
      redisUrl: options.redisUrl,
      prefix,
      nodeId,
      subscribers: options.subscribers,
      packetsPerSecond: PACKETS_PER_SECOND,
      payloadBytes: PAYLOAD_BYTES,
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
    };
    const load = spawnNode(LOAD_CPU, join(import.meta.dirname, 'sfu-load.process.js'), [JSON.stringify(plan)], process.env);
    try {
      const meter = new CpuMeter(() => [node.pid]);
      await load.waitForLine(/^RUNNING$/);
      meter.start();
      await load.waitForLine(/^DONE$/);
      const cpuPercent = meter.percentOfOneCore();
      const [, json] = await load.waitForLine(/^RESULT (.*)$/);
      return { ...(JSON.parse(json) as SfuLoadResult), cpuPercent };
    } finally {
      await load.stop();
    }
  } finally {
    await node.stop();
    await cleanUp(options.redisUrl, prefix);
  }
}

async function cleanUp(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    await deletePrefixedKeys(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

function formatTable(rows: readonly Row[]): string {
  const header = ['subscribers', 'SFU CPU', 'packets/s out', 'Mbit/s out', 'delivered', 'min/subscriber', 'CPU per stream', 'streams per core'];
  const lines = rows.map((r) => {
    const pps = r.received / r.durationSeconds;
    return [
      String(r.subscribers),
      `${r.cpuPercent.toFixed(1)}%`,
      pps.toFixed(0),
      ((pps * PAYLOAD_BYTES * 8) / 1e6).toFixed(1),
      `${((r.received / Math.max(r.expected, 1)) * 100).toFixed(1)}%`,
      (r.minPerSubscriber / r.durationSeconds).toFixed(1) + '/s',
      `${(r.cpuPercent / r.subscribers).toFixed(2)}%`,
      r.cpuPercent > 0 ? ((r.subscribers * 100) / r.cpuPercent).toFixed(0) : '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

