import { randomBytes } from 'node:crypto';
import { mediaKeys, type MediaCommand, type MediaErrorCode, type MediaEvent, type MediaReply, type MediaReplyData } from '@enclave/contracts';
import { Redis } from 'ioredis';

export class MediaReplyError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * The control plane's side of media-protocol.ts, as tests and the bench need it: publish a
 * command on a node's channel, wait for the reply on our own reply channel, and collect the
 * events the node publishes.
 */
export class MediaCommandClient {
  readonly events: MediaEvent[] = [];
  private readonly pending = new Map<string, (reply: MediaReply) => void>();
  private readonly eventWaiters = new Set<() => void>();
  private readonly eventListeners = new Set<(event: MediaEvent) => void>();
  private readonly replyChannel: string;
  private counter = 0;

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
    readonly nodeId: string,
  ) {
    this.replyChannel = mediaKeys.replies(prefix, `test-${randomBytes(4).toString('hex')}`);
  }

  static async connect(redisUrl: string, prefix: string, nodeId: string): Promise<MediaCommandClient> {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
    const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
    const client = new MediaCommandClient(redis, subscriber, prefix, nodeId);
    subscriber.on('message', (channel: string, message: string) => client.onMessage(channel, message));
    await subscriber.subscribe(client.replyChannel, mediaKeys.events(prefix));
    return client;
  }

  /** Sends a command and resolves with the node's reply, error or not. */
  request(command: MediaCommand | Record<string, unknown>, timeoutMs = 15_000): Promise<MediaReply> {
    const id = `req-${++this.counter}`;
    return this.sendRaw(JSON.stringify({ id, replyTo: this.replyChannel, command }), id, timeoutMs);
  }

  /** Sends a command and resolves with its data; an error reply rejects with MediaReplyError. */
  async call<T extends MediaCommand['type']>(command: Extract<MediaCommand, { type: T }>, timeoutMs?: number): Promise<MediaReplyData[T]> {
    const reply = await this.request(command, timeoutMs);
    if (!reply.ok) throw new MediaReplyError(reply.error.code, reply.error.message);
    return reply.data as MediaReplyData[T];
  }

  /** Publishes raw text on the node's command channel; with `id`, waits for the reply to that id. */
  async sendRaw(message: string, id?: string, timeoutMs = 15_000): Promise<MediaReply> {
    const replied = id
      ? new Promise<MediaReply>((resolve, reject) => {
          const timer = setTimeout(() => {
            this.pending.delete(id);
            reject(new Error(`no reply to ${id} in ${timeoutMs} ms`));
          }, timeoutMs);
          this.pending.set(id, (reply) => {
            clearTimeout(timer);
            resolve(reply);
          });
        })
      : undefined;
    await this.redis.publish(mediaKeys.commands(this.prefix, this.nodeId), message);
    return replied ?? ({ id: '', ok: true, data: null } as const);
  }

  /** The reply channel of this client (a request must name a channel under the deployment's reply prefix). */
  get replyTo(): string {
    return this.replyChannel;
  }

  onEvent(listener: (event: MediaEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Resolves with the first collected event (past or future) that matches. */
  waitForEvent<E extends MediaEvent>(match: (event: MediaEvent) => event is E, timeoutMs?: number): Promise<E>;
  waitForEvent(match: (event: MediaEvent) => boolean, timeoutMs?: number): Promise<MediaEvent>;
  waitForEvent(match: (event: MediaEvent) => boolean, timeoutMs = 15_000): Promise<MediaEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.find(match);
        if (!found) return false;
        clearTimeout(timer);
        this.eventWaiters.delete(waiter);
        resolve(found);
        return true;
      };
      const waiter = () => void check();
      const timer = setTimeout(() => {
        this.eventWaiters.delete(waiter);
        reject(new Error(`no matching media event in ${timeoutMs} ms; got ${JSON.stringify(this.events.map((e) => [e.type, e.participantId]))}`));
      }, timeoutMs);
      if (!check()) this.eventWaiters.add(waiter);
    });
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    await this.redis.quit().catch(() => undefined);
  }

  private onMessage(channel: string, message: string): void {
    if (channel === this.replyChannel) {
      const reply = JSON.parse(message) as MediaReply;
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
      return;
    }
    const event = JSON.parse(message) as MediaEvent;
    this.events.push(event);
    for (const listener of this.eventListeners) listener(event);
    for (const waiter of [...this.eventWaiters]) waiter();
  }
}
