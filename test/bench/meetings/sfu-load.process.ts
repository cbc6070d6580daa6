/**
 * The load generator of the sfu-forwarding bench, run pinned to its own CPU: one synthetic VP8
 * publisher and N werift subscribers in one meeting on the media node under test, driven over
 * the real Redis protocol. Prints READY, RUNNING, DONE and RESULT <json> lines for the parent.
 */
import { MediaCommandClient } from './media-command-client.js';
import { SyntheticParticipant } from './synthetic-participant.js';
import { eventually } from './wait-and-clean.js';

export interface SfuLoadPlan {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly nodeId: string;
  readonly subscribers: number;
  readonly packetsPerSecond: number;
  readonly payloadBytes: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
}

export interface SfuLoadResult {
  readonly subscribers: number;
  readonly received: number;
  readonly expected: number;
  readonly minPerSubscriber: number;
  readonly durationSeconds: number;
  readonly joinMs: number;
}

const JOIN_BATCH = 5;

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2]) as SfuLoadPlan;
  const client = await MediaCommandClient.connect(plan.redisUrl, plan.prefix, plan.nodeId);
  const publisher = new SyntheticParticipant(client, { meetingId: 'bench', participantId: 'publisher', publish: ['video'] });
  const subscribers = Array.from({ length: plan.subscribers }, (_, i) => new SyntheticParticipant(client, { meetingId: 'bench', participantId: `subscriber-${i}` }));
  const joinStarted = performance.now();
  await publisher.join();
  for (let i = 0; i < subscribers.length; i += JOIN_BATCH) await Promise.all(subscribers.slice(i, i + JOIN_BATCH).map((s) => s.join()));
  const joinMs = performance.now() - joinStarted;
  publisher.startSending('video', { packetsPerSecond: plan.packetsPerSecond, payloadBytes: plan.payloadBytes });
  await eventually(() => subscribers.every((s) => s.receivedFrom('publisher', 'video') > 0), 'every subscriber to receive', 60_000, 100);
  console.log('READY');
  await sleep(plan.warmupSeconds * 1000);

  const counts = () => subscribers.map((s) => s.receivedFrom('publisher', 'video'));
  const before = counts();
  const started = performance.now();
  console.log('RUNNING');
  await sleep(plan.durationSeconds * 1000);
  const after = counts();
  const durationSeconds = (performance.now() - started) / 1000;
  console.log('DONE');
  const perSubscriber = after.map((count, i) => count - before[i]);
  const result: SfuLoadResult = {
    subscribers: plan.subscribers,
    received: perSubscriber.reduce((sum, n) => sum + n, 0),
    expected: Math.round(plan.packetsPerSecond * durationSeconds * plan.subscribers),
    minPerSubscriber: Math.min(...perSubscriber),
    durationSeconds,
    joinMs,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  await Promise.all([publisher, ...subscribers].map((p) => p.close()));
  await client.close();
  process.exit(0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
