/**
 * Part (a): how long from a participant's `meeting.join` to the first frame of the other
 * participant's video on their screen, in Debian Chromium on loopback, through the call page,
 * the server and its embedded SFU. One publisher is in the meeting; a second participant joins
 * `--joins` times (20), each time from a fresh browser context, and leaves again.
 *
 * The clock is the page's own: `enclave:join-sent` is marked just before it emits meeting.join
 * and `enclave:first-remote-frame` when the first remote video frame is presented
 * (requestVideoFrameCallback). A getStats() poll inside the page (framesDecoded > 0, every 5 ms
 * once connected) gives the decode time as a second column.
 *
 * Like the browser tier it runs in its own network namespace with only loopback, so Chromium
 * offers one host candidate (STACK.md): it re-executes itself under `unshare -n` (as root) or
 * `unshare -rn`, with its own Redis and the server on the embedded database.
 *
 * Options: --joins N (20)
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { MeetingsBenchPart } from './meetings-bench-part.js';
import { spawnNode, type PinnedProcess } from '../pinned-process.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium-launch.js';
import { startRedis } from './local-daemons.js';
import { argValue } from '../bench-args.js';

const SERVER_MAIN = resolve(import.meta.dirname, '../../../../apps/server/dist/main.js');
const CHILD_FLAG = '--join-latency-child';
const GOAL = { p50Ms: 300, p95Ms: 600 };

export interface JoinLatencyOptions {
  readonly joins?: number;
}

/** Milliseconds from emitting meeting.join to each step the page marks. */
export interface JoinSample {
  /** The join's ack arrived (server: lobby check, placement, the SFU's first offer). */
  readonly joinAckedMs: number;
  /** The page set its answer to the SFU's first offer. */
  readonly answeredMs: number;
  /** ICE and DTLS done: the peer connection is `connected`. */
  readonly connectedMs: number;
  /** getStats() first shows a decoded remote video frame (5 ms poll). */
  readonly firstDecodedMs: number;
  /** The first remote video frame was presented (requestVideoFrameCallback): the figure. */
  readonly firstFrameMs: number;
}

export interface JoinLatencyResult {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly samples: readonly JoinSample[];
  /** Whether it ran in a namespace with only loopback. */
  readonly isolated: boolean;
}

export const part: MeetingsBenchPart = {
  name: 'join-latency',
  description: 'meeting.join to the first decoded remote frame in Chromium on loopback (one publisher already in)',
  async run(args) {
    const joins = Number(argValue(args, '--joins') ?? 20);
    await runJoinLatency({ joins });
  },
};

/** Runs the measurement (in a fresh network namespace when it can) and prints its table. */
export async function runJoinLatency(options: JoinLatencyOptions = {}): Promise<JoinLatencyResult> {
  const result = loopbackOnly() ? await measure(options) : await measureInNamespace(options);
  console.log(formatTable(result));
  return result;
}

/** Re-executes this file under unshare; the child writes its result as JSON to a file. */
async function measureInNamespace(options: JoinLatencyOptions): Promise<JoinLatencyResult> {
  const haveTools = spawnSync('unshare', ['--version']).status === 0 && spawnSync('ip', ['-V']).status === 0;
  if (!haveTools) {
    console.log('unshare/ip not available: measuring on the host network (Chromium also offers its other addresses)');
    return measure(options);
  }
  const dir = mkdtempSync(join(tmpdir(), 'enclave-join-latency-'));
  const out = join(dir, 'result.json');
  const self = fileURLToPath(import.meta.url);
  const nsFlags = process.getuid?.() === 0 ? '-n' : '-rn';
  const script = `ip link set lo up && exec "${process.execPath}" "${self}" ${CHILD_FLAG} '${JSON.stringify(options)}' "${out}"`;
  try {
    const code = await new Promise<number | null>((resolvePromise) => {
      const child = spawn('unshare', [nsFlags, '--', 'sh', '-c', script], { stdio: 'inherit' });
      child.on('exit', resolvePromise);
    });
    if (code !== 0) throw new Error(`join-latency in its network namespace exited with ${code}`);
    return JSON.parse(readFileSync(out, 'utf8')) as JoinLatencyResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(options: JoinLatencyOptions): Promise<JoinLatencyResult> {
  const joins = options.joins ?? 20;
  const dataDir = mkdtempSync(join(tmpdir(), 'enclave-join-latency-data-'));
  const stops: Array<() => Promise<unknown>> = [() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true }))];
  try {
    const redis = await startRedis();
    stops.unshift(() => redis.stop());

    const adminPassword = `Adm1n-${randomBytes(12).toString('hex')}`;
    const server: PinnedProcess = spawnNode(0, SERVER_MAIN, [], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
      ENCLAVE_ADMIN_PASSWORD: adminPassword,
      MEDIA_BIND_ADDRESS: '127.0.0.1',
    });
    stops.unshift(() => server.stop());
    const [, url] = await server.waitForLine(/Enclave is running at (http:\/\/\S+)/, 60_000);

    const admin = await login(url, 'admin', adminPassword);
    const publisher = await createUser(url, admin, 'publisher', 'Publisher');
    const joiner = await createUser(url, admin, 'joiner', 'Joiner');
    const channel = await rest<{ id: string }>(url, 'POST', '/api/v1/conversations/channels', publisher, { name: `bench-${randomBytes(3).toString('hex')}`, visibility: 'public', memberIds: [joiner.id] });
    const meeting = await rest<{ id: string }>(url, 'POST', `/api/v1/conversations/${channel.id}/meeting`, publisher, { title: 'join latency' });

    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] });
    stops.unshift(() => browser.close());
    const publisherPage = await openCall(browser, `${url}/meet/${meeting.id}#token=${encodeURIComponent(publisher.token)}`);
    await waitFor(publisherPage, () => (globalThis as unknown as CallWindow).enclaveCall?.pc?.connectionState === 'connected');

    const samples: JoinSample[] = [];
    for (let i = 0; i < joins; i++) {
      const page = await openCall(browser, `${url}/meet/${meeting.id}#token=${encodeURIComponent(joiner.token)}`, true);
      samples.push(await page.evaluate(readSample));
      await page.evaluate(() => (globalThis as unknown as CallWindow).enclaveCall?.leave());
      // Wait until the server has let the participant go, so every join meets the same meeting.
      await waitFor(publisherPage, () => ((globalThis as unknown as CallWindow).enclaveCall?.participants.length ?? 0) === 1);
      await page.context().close();
    }
    const firstFrames = samples.map((s) => s.firstFrameMs);
    return { p50Ms: percentile(firstFrames, 50), p95Ms: percentile(firstFrames, 95), samples, isolated: loopbackOnly() };
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

interface CallWindow {
  enclaveCall?: {
    readonly pc: { readonly connectionState: string } | null;
    readonly participants: readonly unknown[];
    stats(): Promise<Record<string, { video?: { framesDecoded: number } }>>;
    leave(): void;
  };
  __joinLatency?: { decodedAt?: number };
}

/**
 * A fresh context on the call page. With `watch`, a getStats() poll is installed before the page
 * script runs, so it sees the first decoded frame whenever it comes.
 */
async function openCall(browser: Browser, url: string, watch = false): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  if (watch) await page.addInitScript(installDecodePoll);
  await page.goto(url);
  return page;
}

/**
 * Runs in the page: polls getStats() every 5 ms and notes when a remote video frame was first
 * decoded. Only once the peer connection is connected (nothing can be decoded before): a
 * getStats() every 5 ms while the page negotiates took the very threads the join needs, and
 * slowed what it measured.
 */
function installDecodePoll(): void {
  const w = globalThis as unknown as CallWindow;
  w.__joinLatency = {};
  const timer = setInterval(() => {
    if (w.enclaveCall?.pc?.connectionState !== 'connected') return;
    void w.enclaveCall.stats().then((stats) => {
      const decoded = Object.values(stats).some((s) => (s.video?.framesDecoded ?? 0) > 0);
      if (decoded && w.__joinLatency && w.__joinLatency.decodedAt === undefined) {
        w.__joinLatency.decodedAt = performance.now();
        clearInterval(timer);
      }
    });
  }, 5);
}

/** Runs in the page: waits for both moments and returns them relative to the join. */
function readSample(): Promise<JoinSample> {
  const w = globalThis as unknown as CallWindow;
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const at = (name: string) => performance.getEntriesByName(`enclave:${name}`)[0]?.startTime;
    const check = () => {
      const sent = at('join-sent');
      const frame = at('first-remote-frame');
      const decodedAt = w.__joinLatency?.decodedAt;
      if (sent !== undefined && frame !== undefined && decodedAt !== undefined) {
        const since = (t: number | undefined) => (t === undefined ? Number.NaN : t - sent);
        return resolvePromise({
          joinAckedMs: since(at('join-acked')),
          answeredMs: since(at('first-answer')),
          connectedMs: since(at('media-connected')),
          firstDecodedMs: since(decodedAt),
          firstFrameMs: since(frame),
        });
      }
      if (performance.now() - started > 30_000) return reject(new Error('no remote frame within 30 s'));
      setTimeout(check, 5);
    };
    check();
  });
}

async function waitFor(page: Page, predicate: () => boolean): Promise<void> {
  await page.waitForFunction(predicate, undefined, { timeout: 60_000, polling: 20 });
}

interface Session {
  readonly id: string;
  readonly token: string;
}

async function login(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { accessToken: string; user: { id: string } };
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`);
  return { id: body.user.id, token: body.accessToken };
}

async function createUser(url: string, admin: Session, username: string, displayName: string): Promise<Session> {
  const password = `Pw-${randomBytes(12).toString('hex')}`;
  await rest(url, 'POST', '/api/v1/admin/users', admin, { username, displayName, password, mustChangePassword: false });
  return login(url, username, password);
}

async function rest<T = unknown>(url: string, method: string, path: string, as: Session, body: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${as.token}` }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

function loopbackOnly(): boolean {
  return Object.keys(networkInterfaces()).every((name) => name === 'lo');
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function formatTable(result: JoinLatencyResult): string {
  const frames = result.samples.map((s) => s.firstFrameMs);
  const decoded = result.samples.map((s) => s.firstDecodedMs);
  const row = (name: string, values: number[], goal: string) => [name, ...[50, 95].map((p) => percentile(values, p).toFixed(0)), Math.min(...values).toFixed(0), Math.max(...values).toFixed(0), goal];
  const header = ['join → …', 'p50 ms', 'p95 ms', 'min ms', 'max ms', 'goal'];
  const rows = [
    row('join acked (SFU offer)', result.samples.map((s) => s.joinAckedMs), ''),
    row('answer set', result.samples.map((s) => s.answeredMs), ''),
    row('media connected (ICE+DTLS)', result.samples.map((s) => s.connectedMs), ''),
    row('first frame decoded (getStats)', decoded, ''),
    row('first frame shown', frames, `p50 < ${GOAL.p50Ms}, p95 < ${GOAL.p95Ms}`),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [
    `${result.samples.length} joins, one publisher in the meeting, Chromium on loopback${result.isolated ? ' (own network namespace)' : ''}:`,
    '',
    fmt(header),
    fmt(widths.map((w) => '-'.repeat(w))),
    ...rows.map(fmt),
    '',
    `samples (first frame shown, ms): ${frames.map((v) => v.toFixed(0)).join(' ')}`,
  ].join('\n');
}


// Re-executed inside the namespace by measureInNamespace().
if (process.argv[2] === CHILD_FLAG && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = JSON.parse(process.argv[3]) as JoinLatencyOptions;
  const { writeFileSync } = await import('node:fs');
  measure(options)
    .then((result) => {
      writeFileSync(process.argv[4], JSON.stringify(result));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
