import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { MediaErrorCode, mediaKeys, type MediaCommand, type MediaEvent, type MediaNodeStatus, type MediaReply, type MediaRequest } from '@enclave/contracts';
import { connectRedis, type AppConfig } from '@enclave/core';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { MediaError } from '../sfu/media-error.js';
import type { SfuBackend } from '../sfu/sfu-backend.js';
import { WeriftSfuBackend } from '../sfu/werift/werift-sfu.backend.js';
import { CpuSampler } from './cpu-sampler.js';
import { parseMediaRequest } from './media-command.validator.js';

/** The slice of a pino logger the node uses; the embedding server can pass its own. */
export interface MediaLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface MediaNodeOptions {
  /** Defaults to the werift SFU configured from `config.media`. */
  readonly backend?: SfuBackend;
  readonly logger?: MediaLogger;
}

/**
 * A media node: takes commands from the meetings control plane over Redis pub/sub, runs them on
 * its SFU backend, answers on the request's reply channel, publishes the events the SFU starts,
 * and reports its load into the nodes hash every heartbeat (see media-protocol.ts in
 * @enclave/contracts). Commands for one participant are applied in order by the backend;
 * commands for different participants run concurrently.
 */
export class MediaNode {
  readonly nodeId: string;
  readonly backend: SfuBackend;
  private readonly logger: MediaLogger;
  private readonly prefix: string;
  private readonly cpu = new CpuSampler();
  private readonly inFlight = new Set<Promise<void>>();
  private redis: Redis | undefined;
  private subscriber: Redis | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private stopEvents: (() => void) | undefined;
  private lastCpuPercent = 0;
  private lastHeartbeatAt = 0;
  private startedAt = new Date().toISOString();
  private state: 'new' | 'started' | 'stopped' = 'new';

  constructor(
    private readonly config: AppConfig,
    options: MediaNodeOptions = {},
  ) {
    this.nodeId = config.media.nodeId ?? `media-${hostname()}-${randomBytes(3).toString('hex')}`;
    this.prefix = config.redis.keyPrefix;
    this.logger = options.logger ?? pino({ name: 'enclave-media', level: config.log.level });
    this.backend =
      options.backend ??
      new WeriftSfuBackend({
        ...config.media,
        onError: (error, context) => this.logger.error({ err: error, nodeId: this.nodeId }, `media backend failed ${context}`),
      });
  }

  /** Connects to Redis, starts taking commands and writes the first heartbeat. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`media node ${this.nodeId} was already started`);
    this.state = 'started';
    this.startedAt = new Date().toISOString();
    this.redis = await connectRedis(this.config, `enclave-media-${this.nodeId}`);
    this.subscriber = await connectRedis(this.config, `enclave-media-${this.nodeId}-sub`);
    this.stopEvents = this.backend.onEvent((event) => this.publishEvent(event));
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.commandChannel) this.track(this.handle(message));
    });
    await this.subscriber.subscribe(this.commandChannel);
    await this.heartbeat();
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.config.media.heartbeatSeconds * 1000);
    this.heartbeatTimer.unref();
    this.logger.info({ nodeId: this.nodeId, address: this.config.media.announcedAddress }, 'media node started');
  }

  /** Stops taking commands, finishes the ones in flight, closes every peer connection and leaves the nodes hash. */
  async stop(): Promise<void> {
    if (this.state !== 'started') return;
    this.state = 'stopped';
    clearInterval(this.heartbeatTimer);
    await this.subscriber?.unsubscribe(this.commandChannel).catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
    await this.redis?.hdel(mediaKeys.nodes(this.prefix), this.nodeId).catch((error: unknown) => this.logger.warn({ err: error }, 'could not remove the node from the nodes hash'));
    this.stopEvents?.();
    await this.backend.close();
    this.subscriber?.disconnect();
    await this.redis?.quit().catch(() => undefined);
    this.logger.info({ nodeId: this.nodeId }, 'media node stopped');
  }

  /** What the last heartbeat reported, with the load as of now. */
  status(): MediaNodeStatus {
    return {
      nodeId: this.nodeId,
      address: this.config.media.announcedAddress,
      ...this.backend.load(),
      cpuPercent: this.lastCpuPercent,
      startedAt: this.startedAt,
      heartbeatAt: this.lastHeartbeatAt,
      heartbeatSeconds: this.config.media.heartbeatSeconds,
    };
  }

  private get commandChannel(): string {
    return mediaKeys.commands(this.prefix, this.nodeId);
  }

  private async heartbeat(): Promise<void> {
    this.lastCpuPercent = this.cpu.sample();
    this.lastHeartbeatAt = Date.now();
    try {
      await this.redis!.hset(mediaKeys.nodes(this.prefix), this.nodeId, JSON.stringify(this.status()));
    } catch (error) {
      // Redis is away: ioredis reconnects, the next heartbeat tries again.
      this.logger.warn({ err: error, nodeId: this.nodeId }, 'media node heartbeat failed');
    }
  }

  private async handle(raw: string): Promise<void> {
    const parsed = parseMediaRequest(raw, this.prefix);
    if (parsed.kind === 'unanswerable') {
      this.logger.warn({ nodeId: this.nodeId, reason: parsed.message }, 'dropped a media command');
      return;
    }
    if (parsed.kind === 'invalid') {
      return this.reply(parsed.replyTo, { id: parsed.id, ok: false, error: { code: MediaErrorCode.InvalidCommand, message: parsed.message } });
    }
    const { request } = parsed;
    let reply: MediaReply;
    try {
      reply = { id: request.id, ok: true, data: await this.dispatch(request.command) };
    } catch (error) {
      reply = { id: request.id, ok: false, error: this.toReplyError(error, request) };
    }
    await this.reply(request.replyTo, reply);
  }

  private async dispatch(command: MediaCommand): Promise<unknown> {
    const { backend } = this;
    switch (command.type) {
      case 'join':
        return { offer: await backend.join(command) };
      case 'answer':
        await backend.answer(command.participantId, command.revision, command.sdp);
        return null;
      case 'candidate':
        await backend.addCandidate(command.participantId, command.candidate);
        return null;
      case 'publish':
        await backend.setPublishing(command.participantId, command.source, command.on);
        return null;
      case 'mute':
        await backend.setForwarding(command.participantId, command.source, !command.muted);
        return null;
      case 'leave':
        await backend.leave(command.participantId);
        return null;
      case 'end':
        await backend.endMeeting(command.meetingId);
        return null;
    }
  }

  private toReplyError(error: unknown, request: MediaRequest): { code: MediaErrorCode; message: string } {
    if (error instanceof MediaError) return { code: error.code, message: error.message };
    this.logger.error({ err: error, nodeId: this.nodeId, command: request.command.type }, 'media command failed');
    return { code: MediaErrorCode.Internal, message: 'The media node failed to run the command' };
  }

  private async reply(channel: string, reply: MediaReply): Promise<void> {
    try {
      await this.redis!.publish(channel, JSON.stringify(reply));
    } catch (error) {
      this.logger.warn({ err: error, nodeId: this.nodeId }, 'could not publish a media reply');
    }
  }

  private publishEvent(event: MediaEvent): void {
    if (this.state !== 'started' || !this.redis) return;
    this.redis.publish(mediaKeys.events(this.prefix), JSON.stringify(event)).catch((error: unknown) => {
      this.logger.warn({ err: error, nodeId: this.nodeId, event: event.type }, 'could not publish a media event');
    });
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.logger.error({ err: error, nodeId: this.nodeId }, 'media command handler failed'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}

/** Starts a media node, e.g. the one embedded in a single-node server. */
export async function startMediaNode(config: AppConfig, options: MediaNodeOptions = {}): Promise<MediaNode> {
  const node = new MediaNode(config, options);
  try {
    await node.start();
  } catch (error) {
    await node.stop().catch(() => undefined);
    throw error;
  }
  return node;
}
