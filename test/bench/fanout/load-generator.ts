/**
 * The fan-out load generator, run as its own process pinned to the other CPU. It opens N
 * receiver connections (the first `senders` of them also send), sends at a fixed total rate
 * for a fixed time, and measures end-to-end latency from the timestamp in each message.
 * It never decodes frames with a full client: raw `ws` frames, socket.io framing by hand.
 *
 * Protocol on stdout: "CONNECTED <ms>", "RUNNING", "DONE", then "RESULT <json>".
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { LatencyRecorder } from './histogram.js';
import { markedText, nowMs, timestampIn } from './wire.js';

export interface LoadPlan {
  readonly url: string;
  readonly protocol: 'ws' | 'socketio';
  readonly connections: number;
  readonly senders: number;
  readonly ratePerSecond: number;
  readonly durationSeconds: number;
  /** socket.io only: handshake auth per connection (e.g. access tokens), cycled. */
  readonly tokens?: readonly string[];
  /** socket.io only: the event a sender emits, and extra payload fields. */
  readonly sendEvent?: string;
  readonly sendFields?: Readonly<Record<string, unknown>>;
  /** socket.io only: a connection counts as joined once a frame starting with this arrives. */
  readonly readyPrefix?: string;
  /** Only connect and hold (memory per idle connection); no sending. */
  readonly idleOnly?: boolean;
}

export interface LoadResult {
  readonly connectMs: number;
  readonly sent: number;
  readonly acked: number;
  readonly delivered: number;
  readonly expected: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly durationSeconds: number;
}

class Connection {
  readonly ws: WebSocket;
  ready = false;
  private ackId = 0;

  constructor(
    readonly plan: LoadPlan,
    readonly index: number,
    private readonly onReady: () => void,
    private readonly onFrame: (frame: Buffer) => void,
    private readonly onAck: () => void,
    /** The connection closed before it joined: counted as failed, so the run does not wait for it forever. */
    private readonly onFailed: () => void = () => undefined,
  ) {
    this.ws = new WebSocket(plan.protocol === 'ws' ? plan.url : `${plan.url}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    this.ws.on('message', (data: Buffer) => this.handle(data));
    this.ws.on('error', (error) => process.stderr.write(`connection ${index}: ${error.message}\n`));
    this.ws.on('close', () => {
      if (!this.ready) this.onFailed();
    });
    if (plan.protocol === 'ws') this.ws.on('open', () => this.markReady());
  }

  private markReady(): void {
    if (this.ready) return;
    this.ready = true;
    this.onReady();
  }

  private handle(frame: Buffer): void {
    if (this.plan.protocol === 'ws') return this.onFrame(frame);
    const type = frame[0];
    if (type === 0x30 /* '0' open */) {
      const tokens = this.plan.tokens;
      const auth = tokens && tokens.length > 0 ? JSON.stringify({ token: tokens[this.index % tokens.length] }) : '';
      this.ws.send(`40${auth}`);
    } else if (type === 0x32 /* '2' ping */) {
      this.ws.send('3');
    } else if (type === 0x34 /* '4' message */) {
      const sub = frame[1];
      if (sub === 0x30 /* '40' connected */) {
        if (!this.plan.readyPrefix) this.markReady();
      } else if (sub === 0x32 /* '42' event */) {
        if (!this.ready && this.plan.readyPrefix && frame.toString('utf8', 0, Math.min(frame.length, 200)).startsWith(this.plan.readyPrefix)) this.markReady();
        else this.onFrame(frame);
      } else if (sub === 0x33 /* '43' ack */) {
        this.onAck();
      } else if (sub === 0x34 /* '44' connect error */) {
        process.stderr.write(`connection ${this.index} refused: ${frame.toString('utf8').slice(0, 200)}\n`);
      }
    }
  }

  send(seq: number): void {
    const text = markedText(seq);
    if (this.plan.protocol === 'ws') {
      this.ws.send(JSON.stringify({ text }));
      return;
    }
    const payload = { ...this.plan.sendFields, clientMsgId: `bench-${process.pid}-${seq}`, text };
    this.ws.send(`42${this.ackId++}${JSON.stringify([this.plan.sendEvent ?? 'm', payload])}`);
  }
}

/** The load generator's argv for a plan: inline JSON, or "@<file>" when too large for argv. */
export function planArgument(plan: LoadPlan): string {
  const json = JSON.stringify(plan);
  if (json.length < 64 * 1024) return json;
  const file = join(mkdtempSync(join(tmpdir(), 'fanout-plan-')), 'plan.json');
  writeFileSync(file, json);
  return `@${file}`;
}

export async function runLoad(plan: LoadPlan, say: (line: string) => void): Promise<LoadResult> {
  const latencies = new LatencyRecorder();
  let delivered = 0;
  let acked = 0;
  let ready = 0;
  let failed = 0;
  let measuring = false;
  let allReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (allReady = r));
  const onFrame = (frame: Buffer) => {
    if (!measuring) return;
    const ts = timestampIn(frame);
    if (ts === undefined) return;
    delivered++;
    latencies.record(nowMs() - ts);
  };
  const connectStart = performance.now();
  const connections: Connection[] = [];
  for (let i = 0; i < plan.connections; i++) {
    const settled = () => ready + failed === plan.connections && allReady();
    connections.push(
      new Connection(
        plan,
        i,
        () => {
          ready++;
          settled();
        },
        onFrame,
        () => acked++,
        () => {
          failed++;
          settled();
        },
      ),
    );
    // Open in small batches so the accept queue does not overflow on the pinned server.
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 5));
  }
  await readyPromise;
  const connectMs = performance.now() - connectStart;
  say(`CONNECTED ${connectMs.toFixed(1)}`);
  if (failed > 0) process.stderr.write(`${failed} of ${plan.connections} connections failed before joining\n`);
  if (plan.idleOnly) {
    await waitForLine('STOP');
    for (const c of connections) c.ws.terminate();
    return { connectMs, sent: 0, acked: 0, delivered: 0, expected: 0, p50: 0, p99: 0, p999: 0, max: 0, durationSeconds: 0 };
  }

  measuring = true;
  say('RUNNING');
  const senders = connections.slice(0, plan.senders);
  const total = Math.round(plan.ratePerSecond * plan.durationSeconds);
  const interval = 1000 / plan.ratePerSecond;
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - started) / interval) + 1);
      while (sent < due) {
        senders[sent % senders.length].send(sent);
        sent++;
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, interval / 2));
    };
    tick();
  });
  const sendSeconds = (performance.now() - started) / 1000;
  const expected = sent * plan.connections;
  // Drain: wait until everything arrived or 5 s passed with no progress.
  let last = -1;
  for (let idle = 0; delivered < expected && idle < 50; ) {
    await new Promise((r) => setTimeout(r, 100));
    if (delivered === last) idle++;
    else idle = 0;
    last = delivered;
  }
  say('DONE');
  measuring = false;
  for (const c of connections) c.ws.terminate();
  const [p50, p99, p999, max] = latencies.percentiles([50, 99, 99.9, 100]);
  return { connectMs, sent, acked, delivered, expected, p50: p50, p99: p99, p999: p999, max: max, durationSeconds: sendSeconds };
}

function waitForLine(expected: string): Promise<void> {
  return new Promise((resolve) => {
    let buffer = '';
    process.stdin.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.split('\n').includes(expected)) resolve();
    });
  });
}

// Entry point when run as a child process: plan as JSON in argv[2].
// A large plan (thousands of tokens) exceeds the argv size limit: then argv[2] is "@<file>".
if (process.argv[1]?.endsWith('load-generator.js') && process.argv[2]) {
  const arg = process.argv[2];
  const plan = JSON.parse(arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8') : arg) as LoadPlan;
  const result = await runLoad(plan, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}
