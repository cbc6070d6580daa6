/**
 * `npm run bench -- meetings [--parts join-latency,sfu-forwarding] [part options]`
 *
 * Meetings benchmarks, one file per part under ./meetings:
 *   (a) join-latency   — meeting.join to the first decoded remote frame in Chromium (./meetings/join-latency.ts)
 *   (b) sfu-forwarding — CPU of the SFU per forwarded subscriber stream (./meetings/sfu-forwarding.ts)
 * Nothing asserts on time; each part prints its own table.
 */
import type { MeetingsBenchPart } from './meetings/meetings-bench-part.js';
import { argValue } from './bench-args.js';

/** Parts run in this order; loaded lazily so one part's dependencies do not burden another. */
const PARTS: Record<string, () => Promise<MeetingsBenchPart>> = {
  'join-latency': async () => (await import('./meetings/join-latency.js')).part,
  'sfu-forwarding': async () => (await import('./meetings/sfu-forwarding.js')).part,
};

export async function run(args: string[]): Promise<void> {
  const requested = argValue(args, '--parts')?.split(',') ?? Object.keys(PARTS);
  const unknown = requested.filter((name) => !(name in PARTS));
  if (unknown.length > 0) throw new Error(`unknown meetings bench part(s): ${unknown.join(', ')}; known: ${Object.keys(PARTS).join(', ')}`);
  for (const name of requested) {
    const part = await PARTS[name]();
    console.log(`\n== meetings: ${part.name} — ${part.description}\n`);
    await part.run(args);
  }
}

