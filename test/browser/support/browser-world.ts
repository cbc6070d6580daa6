/**
 * Everything one browser-tier test file needs, started inside the tier's network namespace
 * (test/browser/run.sh): its own Redis, coturn, the built Enclave server with the embedded
 * database and SFU (through e2e's `startServer`), users made through the admin REST API and
 * signed in with their passwords, and one Chromium with a context per participant.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { MeetingResponse } from '@enclave/contracts';
import { api } from '../../e2e/support/http-client.js';
import { createChannel } from '../../e2e/support/realtime-fixtures.js';
import type { SeededUser } from '../../e2e/support/identity-seeder.js';
import { TestEnvironment, startServer, type StartedServer } from '../../e2e/support/server-process.js';
import { CallPage } from './call-page.js';
import { startCoturn, startRedis, type CoturnDaemon, type RedisDaemon } from '../../bench/meetings/local-daemons.js';
import { writeSpeechLikeWav } from './speech-like-audio.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../bench/meetings/chromium-launch.js';

export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');


export interface BrowserUser extends SeededUser {
  readonly displayName: string;
  readonly password: string;
}

interface TokenBody {
  readonly accessToken: string;
  readonly user: { readonly id: string; readonly username: string };
}

export interface OpenOptions {
  /** `?relay=1`: the page forces iceTransportPolicy 'relay' (through coturn). */
  readonly relay?: boolean;
  /** Sign in through the page's form instead of a `#token=` fragment. */
  readonly signInForm?: boolean;
  readonly locale?: string;
  /** Resolve once the page is loaded instead of once it has joined (lobby, refusals). */
  readonly noWait?: boolean;
}

export interface WorldOptions {
  /** Every fake microphone plays speech-like sound (speech-like-audio.ts) instead of Chromium's beep. */
  readonly talking?: boolean;
}

export class BrowserWorld {
  readonly pages: CallPage[] = [];
  private admin: BrowserUser | undefined;

  private constructor(
    readonly name: string,
    readonly dir: string,
    readonly env: TestEnvironment,
    readonly redis: RedisDaemon,
    readonly coturn: CoturnDaemon,
    readonly turnSecret: string,
    readonly server: StartedServer,
    readonly browser: Browser,
    private readonly adminPassword: string,
    private readonly options: WorldOptions,
  ) {}

  get url(): string {
    return this.server.url;
  }

  static async start(name: string, options: WorldOptions = {}): Promise<BrowserWorld> {
    assertLoopbackOnly();
    mkdirSync(ARTIFACTS, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'enclave-browser-'));
    const started: Array<{ stop(): Promise<unknown> }> = [];
    try {
      const redis = await startRedis();
      started.push(redis);
      const turnSecret = randomBytes(24).toString('hex');
      const coturn = await startCoturn(dir, turnSecret);
      started.push(coturn);
      const env = await TestEnvironment.create('embedded');
      started.push({ stop: () => Promise.resolve(rmSync(env.dataDir, { recursive: true, force: true })) });
      const adminPassword = `Adm1n-${randomBytes(12).toString('hex')}`;
      const server = await startServer(
        env.serverEnv({
          REDIS_URL: redis.url,
          LOG_LEVEL: 'warn',
          ENCLAVE_ADMIN_PASSWORD: adminPassword,
          MEETINGS_TURN_URLS: coturn.url,
          MEETINGS_TURN_SECRET: turnSecret,
          MEETINGS_STATS_INTERVAL_SECONDS: '1',
          MEDIA_BIND_ADDRESS: '127.0.0.1',
        }),
      );
      started.push(server);
      const args = [...CHROMIUM_FLAGS];
      if (options.talking) {
        const speech = join(dir, 'speech-like.wav');
        writeSpeechLikeWav(speech);
        args.push(`--use-file-for-fake-audio-capture=${speech}`);
      }
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args });
      return new BrowserWorld(name, dir, env, redis, coturn, turnSecret, server, browser, adminPassword, options);
    } catch (error) {
      for (const s of started.reverse()) await s.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** A user with a password, created by the bootstrap admin, signed in over REST. */
  async user(username: string, displayName: string): Promise<BrowserUser> {
    const admin = await this.adminUser();
    const password = `Pw-${randomBytes(12).toString('hex')}`;
    const created = await api(this.url, 'POST', '/api/v1/admin/users', { token: admin.token, body: { username, displayName, password, mustChangePassword: false } });
    if (created.status !== 201 && created.status !== 200) throw new Error(`create user ${username}: ${created.status} ${created.text}`);
    return this.signIn(username, password, displayName);
  }

  /** Another signed-in session (another device) of a user. */
  session(user: BrowserUser): Promise<BrowserUser> {
    return this.signIn(user.username, user.password, user.displayName);
  }

  channel(owner: BrowserUser, members: readonly BrowserUser[]): Promise<string> {
    return createChannel(this.url, owner, members);
  }

  /** Starts (or gets) the call of a conversation. */
  async startCall(owner: BrowserUser, conversationId: string, title = 'Weekly sync 周会'): Promise<MeetingResponse> {
    const res = await api<MeetingResponse>(this.url, 'POST', `/api/v1/conversations/${conversationId}/meeting`, { token: owner.token, body: { title } });
    if (res.status !== 201 && res.status !== 200) throw new Error(`start call: ${res.status} ${res.text}`);
    return res.body;
  }

  /** Opens the call page for `user` in a fresh browser context and (unless `noWait`) waits until it has joined. */
  async open(user: BrowserUser, meetingId: string, options: OpenOptions = {}): Promise<CallPage> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: options.locale ?? 'en-US' });
    // Everyone talks the same recording: with the others' voices coming out of the "speakers",
    // each page's echo canceller would learn them and silence its own microphone. Headphones on.
    if (this.options.talking) await context.addInitScript(wearHeadphones);
    const page = await context.newPage();
    const call = new CallPage(user.displayName, context, page);
    this.pages.push(call);
    const url = `${this.url}/meet/${meetingId}${options.relay ? '?relay=1' : ''}`;
    if (options.signInForm) {
      await page.goto(url);
      await page.fill('#signin-form input[name=username]', user.username);
      await page.fill('#signin-form input[name=password]', user.password);
      await page.click('#signin-form button[type=submit]');
    } else {
      await page.goto(`${url}#token=${encodeURIComponent(user.token)}`);
    }
    if (!options.noWait) await call.waitJoined();
    return call;
  }

  artifact(file: string): string {
    return join(ARTIFACTS, `${this.name}-${file}`);
  }

  async close(): Promise<void> {
    const reports = await Promise.all(this.pages.map(async (p) => p.traceAtClose ?? (await p.report())));
    writeFileSync(this.artifact('pages.log'), reports.join('\n\n'));
    for (const page of this.pages) await page.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    const exit = await this.server.stop();
    writeFileSync(this.artifact('server.log'), `${this.server.output()}\n[exit ${exit}]\n`);
    writeFileSync(this.artifact('turnserver.log'), this.coturn.output());
    await this.coturn.stop();
    await this.redis.stop();
    rmSync(this.env.dataDir, { recursive: true, force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The bootstrap administrator (system_admin), signed in. */
  async adminUser(): Promise<BrowserUser> {
    this.admin ??= await this.signIn('admin', this.adminPassword, 'admin');
    return this.admin;
  }

  private async signIn(username: string, password: string, displayName: string): Promise<BrowserUser> {
    const res = await api<TokenBody>(this.url, 'POST', '/api/v1/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    const claims = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString('utf8')) as { sid: string };
    return { id: res.body.user.id, username: res.body.user.username, sessionId: claims.sid, token: res.body.accessToken, displayName, password };
  }
}

/**
 * Chromium offers every address it has as an ICE host candidate; the tier is meant to see only
 * loopback (STACK.md). Outside `npm run test:browser` fail early and say why.
 */
function assertLoopbackOnly(): void {
  const others = Object.keys(networkInterfaces()).filter((name) => name !== 'lo');
  if (others.length > 0) {
    throw new Error(`the browser tier runs in a network namespace with only loopback (npm run test:browser); this one also has ${others.join(', ')}`);
  }
}

/** Runs in the page: remote audio plays muted, so the echo canceller has no far end to learn. */
function wearHeadphones(): void {
  // The browser's DOM classes, typed no further than needed here (this file compiles without the DOM lib).
  const dom = globalThis as unknown as { HTMLMediaElement: { prototype: object }; HTMLAudioElement: abstract new () => object };
  const srcObject = Object.getOwnPropertyDescriptor(dom.HTMLMediaElement.prototype, 'srcObject');
  // The descriptor's setter is called below with the element as `this`, never unbound.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const setSource = srcObject?.set;
  if (!srcObject || !setSource) return;
  Object.defineProperty(dom.HTMLMediaElement.prototype, 'srcObject', {
    ...srcObject,
    set(this: { muted: boolean }, value: unknown) {
      if (this instanceof dom.HTMLAudioElement) this.muted = true;
      setSource.call(this, value);
    },
  });
}
