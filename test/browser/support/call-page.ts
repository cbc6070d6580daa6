/**
 * One participant: a Chromium browser context (its own cookies, storage and fake camera) on the
 * call page, driven through the page's `window.enclaveCall` and its buttons.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Ack, MediaSource, MeetingEvent, ModerationAction, ParticipantResponse } from '@enclave/contracts';
import { until } from './until.js';

export interface InboundStats {
  readonly kind: 'audio' | 'video';
  readonly bytesReceived: number;
  readonly packetsReceived: number;
  readonly framesDecoded: number;
  readonly frameWidth: number;
  readonly frameHeight: number;
}

/** Inbound RTP per remote participant id and source, from `RTCRtpReceiver.getStats()`. */
export type RemoteStats = Record<string, Partial<Record<MediaSource, InboundStats>>>;

export interface CandidatePair {
  readonly state: string;
  readonly localType?: string;
  readonly localProtocol?: string;
  readonly relayProtocol?: string;
  readonly remoteType?: string;
  readonly remoteAddress?: string;
}

/** What the call page exposes as `window.enclaveCall` (libs/meetings/src/call-page/assets/call.js). */
export interface EnclaveCall {
  readonly pc: { readonly connectionState: string; readonly iceConnectionState: string } | null;
  readonly participantId: string | null;
  readonly participants: ParticipantResponse[];
  /** Ids of the participants shown as speaking. */
  readonly speaking: string[];
  readonly events: MeetingEvent[];
  readonly joined: boolean;
  readonly inLobby: boolean;
  readonly removed: boolean;
  readonly ended: boolean;
  readonly lastError: string | null;
  readonly trace: string[];
  stats(): Promise<RemoteStats>;
  selectedCandidatePair(): Promise<CandidatePair | null>;
  shareScreen(): Promise<string | null>;
  stopScreen(): Promise<string | null>;
  moderate(action: ModerationAction, participantId?: string, source?: MediaSource): Promise<string | null>;
  join(): Promise<{ code: string; message: string } | null>;
  leave(): void;
  request<T = unknown>(event: string, payload: unknown): Promise<Ack<T>>;
}

export class CallPage {
  /** Uncaught errors of the page: a test fails on any. */
  readonly errors: string[] = [];
  /** The page's console and failed requests, for the artifacts. */
  readonly log: string[] = [];

  constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('pageerror', (error) => this.errors.push(`${name}: ${error.message}`));
    page.on('console', (msg) => this.log.push(`[${msg.type()}] ${msg.text()}`));
    page.on('requestfailed', (request) => this.log.push(`[request failed] ${request.url()} ${request.failure()?.errorText ?? ''}`));
    page.on('response', (response) => {
      if (response.status() >= 400) this.log.push(`[http ${response.status()}] ${response.url()}`);
    });
  }

  /**
   * Runs `fn(window.enclaveCall, arg)` in the page. `fn` is sent as source text, so it must not
   * use anything from the test's scope but its two arguments.
   */
  async run<R, A = undefined>(fn: (call: EnclaveCall, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate<R>(`(${fn.toString()})(window.enclaveCall, ${JSON.stringify(arg ?? null)})`);
  }

  participantId(): Promise<string | null> {
    return this.run((call) => call.participantId);
  }

  stats(): Promise<RemoteStats> {
    return this.run((call) => call.stats());
  }

  /** Waits until the page has joined; a refusal (the page's last error code) fails at once instead of at the timeout. */
  async waitJoined(): Promise<void> {
    const outcome = await until(`${this.name} to join`, () => this.run((call) => call.joined || call.lastError), (v) => v !== null, 45_000);
    if (outcome !== true) throw new Error(`${this.name} could not join: ${String(outcome)}`);
  }

  /** Waits until this participant decodes video (`source`) from each of `participantIds`, and returns those stats. */
  waitDecoding(participantIds: readonly string[], source: MediaSource = 'video', after?: RemoteStats): Promise<RemoteStats> {
    return until(
      `${this.name} to decode ${source} from ${participantIds.length} participant(s)`,
      () => this.stats(),
      (stats) =>
        participantIds.every((id) => {
          const now = stats[id]?.[source];
          const before = after?.[id]?.[source];
          return !!now && now.framesDecoded > (before?.framesDecoded ?? 0) && now.bytesReceived > (before?.bytesReceived ?? 0);
        }),
      60_000,
    );
  }

  /** Waits until audio from each of `participantIds` arrives and keeps arriving (bytes grow between two readings). */
  async waitDecodingAudio(participantIds: readonly string[]): Promise<RemoteStats> {
    const arriving = (stats: RemoteStats, before?: RemoteStats) => participantIds.every((id) => (stats[id]?.audio?.bytesReceived ?? 0) > (before?.[id]?.audio?.bytesReceived ?? 0));
    const first = await until(`${this.name} to receive audio`, () => this.stats(), (stats) => arriving(stats), 60_000);
    return until(`${this.name} to keep receiving audio`, () => this.stats(), (stats) => arriving(stats, first), 60_000);
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }

  /** The page's console, failed requests and signalling trace, for the artifacts. */
  async report(): Promise<string> {
    const trace = this.page.isClosed() ? ['(closed)'] : await this.run((call) => call.trace).catch((error: unknown) => [`(no trace: ${String(error)})`]);
    return [`== ${this.name}`, ...this.log, ...this.errors, '-- signalling', ...trace].join('\n');
  }

  async close(): Promise<void> {
    if (!this.page.isClosed()) this.traceAtClose = await this.report();
    await this.context.close();
  }

  traceAtClose: string | undefined;
}
