/**
 * A test client that follows docs/realtime-protocol.md exactly: track the last seq per
 * conversation and the user cursor; after `ready`, `sync`; while a sync is in flight, buffer
 * live events; on a seq gap, hold the early events briefly and then `sync`; drop anything at
 * or below the last applied seq. What it applied is recorded for the assertions.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, CatchUpResponse, ConversationEventEnvelope, UserEventEnvelope } from '@enclave/contracts';

export interface ClientOptions {
  readonly token: string;
  /** Conversations the client already knows, with the last seq it saw (0 = from the start). */
  readonly conversations?: Record<string, number>;
  readonly userCursor?: number;
  /** Reconnect automatically (default true); with several URLs, rotate through them. */
  readonly urls?: readonly string[];
  readonly gapWaitMs?: number;
}

type AnyEnvelope = ConversationEventEnvelope;

export class RealtimeTestClient {
  socket: Socket;
  readonly lastSeq = new Map<string, number>();
  userCursor: number;
  /** Conversation events applied, in order, per conversation. */
  readonly applied = new Map<string, AnyEnvelope[]>();
  readonly userEvents: UserEventEnvelope[] = [];
  readonly resyncs: string[] = [];
  readonly other: Array<{ event: string; data: unknown }> = [];
  connects = 0;
  syncs = 0;
  syncFailures = 0;
  private syncing = false;
  private syncAgain = false;
  private buffer: Array<{ kind: 'c'; e: AnyEnvelope } | { kind: 'u'; e: UserEventEnvelope }> = [];
  private readonly pending = new Map<string, Map<number, AnyEnvelope>>();
  private gapTimer: NodeJS.Timeout | undefined;
  private readyWaiters: Array<() => void> = [];
  private urlIndex = 0;
  private closed = false;

  constructor(
    url: string,
    private readonly options: ClientOptions,
  ) {
    for (const [id, seq] of Object.entries(options.conversations ?? {})) this.lastSeq.set(id, seq);
    this.userCursor = options.userCursor ?? 0;
    this.socket = this.open(url);
  }

  private open(url: string): Socket {
    const socket = io(url, { transports: ['websocket'], auth: { token: this.options.token }, reconnection: false, timeout: 5000 });
    socket.on('ready', () => {
      this.connects++;
      void this.sync().then(() => {
        const waiters = this.readyWaiters;
        this.readyWaiters = [];
        for (const w of waiters) w();
      });
    });
    socket.on('conversation.event', (e: AnyEnvelope) => this.onConversationEvent(e));
    socket.on('user.event', (e: UserEventEnvelope) => (this.syncing ? this.buffer.push({ kind: 'u', e }) : this.applyUser(e)));
    for (const name of ['typing', 'presence', 'session.ended', 'meeting.event', 'meeting.signal', 'meeting.call']) socket.on(name, (data: unknown) => this.other.push({ event: name, data }));
    socket.on('disconnect', () => this.scheduleReconnect());
    socket.on('connect_error', () => this.scheduleReconnect());
    return socket;
  }

  /** Reconnect (to the next URL when several are given) unless closed or reconnection is off. */
  private scheduleReconnect(): void {
    if (this.closed || !this.options.urls) return;
    setTimeout(() => {
      if (this.closed || this.socket.connected) return;
      this.socket.removeAllListeners();
      this.socket.close();
      this.urlIndex = (this.urlIndex + 1) % this.options.urls!.length;
      this.socket = this.open(this.options.urls![this.urlIndex]);
    }, 100 + Math.random() * 200);
  }

  /** Resolves after the next `ready` and the sync that follows it. */
  ready(): Promise<void> {
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  track(conversationId: string, seq: number): void {
    if (!this.lastSeq.has(conversationId)) this.lastSeq.set(conversationId, seq);
  }

  async emit<T = unknown>(event: string, payload?: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
    const args = payload === undefined ? [] : [payload];
    return (await this.socket.timeout(timeoutMs).emitWithAck(event, ...args)) as Ack<T>;
  }

  private onConversationEvent(e: AnyEnvelope): void {
    if (this.syncing) {
      this.buffer.push({ kind: 'c', e });
      return;
    }
    this.offer(e);
  }

  private offer(e: AnyEnvelope): void {
    const last = this.lastSeq.get(e.conversationId);
    if (last === undefined) {
      // A conversation we did not know: start tracking from just before this event.
      this.lastSeq.set(e.conversationId, e.seq - 1);
      return this.offer(e);
    }
    if (e.seq <= last) return; // already applied (duplicate or overlap with a sync)
    if (e.seq === last + 1) {
      this.apply(e);
      this.drainPending(e.conversationId);
      return;
    }
    let held = this.pending.get(e.conversationId);
    if (!held) this.pending.set(e.conversationId, (held = new Map()));
    held.set(e.seq, e);
    this.armGapTimer();
  }

  /** A gap still open after a short wait means an event was lost in transit: fill it from the server. */
  private armGapTimer(): void {
    this.gapTimer ??= setTimeout(() => {
      this.gapTimer = undefined;
      if (this.pending.size > 0) void this.sync();
    }, this.options.gapWaitMs ?? 300);
  }

  private drainPending(conversationId: string): void {
    const held = this.pending.get(conversationId);
    if (!held) return;
    for (let next = this.lastSeq.get(conversationId)! + 1; held.has(next); next++) {
      this.apply(held.get(next)!);
      held.delete(next);
    }
    for (const seq of held.keys()) if (seq <= this.lastSeq.get(conversationId)!) held.delete(seq);
    if (held.size === 0) this.pending.delete(conversationId);
  }

  private apply(e: AnyEnvelope): void {
    let list = this.applied.get(e.conversationId);
    if (!list) this.applied.set(e.conversationId, (list = []));
    list.push(e);
    this.lastSeq.set(e.conversationId, e.seq);
  }

  private applyUser(e: UserEventEnvelope): void {
    if (e.seq <= this.userCursor) return;
    this.userEvents.push(e);
    this.userCursor = e.seq;
  }

  /** The documented catch-up: ask from the last seen seqs, apply in order, page while hasMore, then replay the buffer. */
  async sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.syncAgain = false;
        let more = true;
        while (more) {
          const ack = await this.emit<CatchUpResponse>('sync', { conversations: Object.fromEntries(this.lastSeq), userCursor: this.userCursor }, 30_000).catch(() => undefined);
          if (!ack?.ok) {
            // Disconnected or refused (e.g. RATE_LIMITED): try again shortly; the next `ready` also syncs.
            this.syncFailures++;
            if (!this.closed) setTimeout(() => void this.sync(), ack && !ack.ok ? Number(ack.error.details?.retryAfterMs ?? 500) : 500);
            return;
          }
          this.syncs++;
          more = false;
          for (const c of ack.data.conversations) {
            if (c.resync) {
              this.resyncs.push(c.conversationId);
              this.lastSeq.set(c.conversationId, c.latestSeq);
              continue;
            }
            for (const e of c.events) this.offerSynced(e as unknown as AnyEnvelope);
            if (c.hasMore) more = true;
          }
          const u = ack.data.user;
          if (u) {
            if (u.resync) this.userCursor = u.latestSeq;
            else for (const e of u.events) this.applyUser(e as unknown as UserEventEnvelope);
            if (u.hasMore) more = true;
          }
        }
      } while (this.syncAgain);
    } finally {
      this.syncing = false;
      const buffered = this.buffer;
      this.buffer = [];
      for (const item of buffered) if (item.kind === 'c') this.offer(item.e);
      else this.applyUser(item.e);
      for (const id of [...this.pending.keys()]) this.drainPending(id);
      if (this.pending.size > 0) this.armGapTimer();
    }
  }

  private offerSynced(e: AnyEnvelope): void {
    const last = this.lastSeq.get(e.conversationId) ?? 0;
    if (e.seq === last + 1) this.apply(e);
    this.drainPending(e.conversationId);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.gapTimer);
    this.socket.removeAllListeners();
    this.socket.close();
  }
}
