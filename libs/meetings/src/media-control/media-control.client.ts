import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, ListenerSet, type AppConfig, type Listener } from '@enclave/core';
import {
  MediaErrorCode,
  MeetingErrorCode,
  mediaKeys,
  type MediaCommand,
  type MediaEvent,
  type MediaNodeStatus,
  type MediaReply,
  type MediaReplyData,
  type MediaRequest,
} from '@enclave/contracts';
import { MeetingException } from '../errors/meeting.exception.js';
import { MEETINGS_REDIS } from '../meetings.tokens.js';
import { parseNodes } from '../placement/media-placement.js';

/** How long a media node has to answer a command (an offer with gathered candidates takes a few ms). */
const COMMAND_TIMEOUT_MS = 5_000;

interface Pending {
  readonly resolve: (data: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Drives media nodes over Redis (the protocol in @enclave/contracts media-protocol.ts): request
 * and reply over pub/sub with a per-process reply channel, and every node's events to this
 * process's listeners. Media errors become meeting errors clients can act on.
 */
@Injectable()
export class MediaControlClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MediaControlClient.name);
  private readonly requesterId = randomUUID();
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new ListenerSet<MediaEvent>((error, event) => this.logger.warn({ err: error, type: event.type }, 'media event listener failed'));
  private subscriber: Redis | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MEETINGS_REDIS) private readonly redis: Redis,
  ) {}

  private get prefix(): string {
    return this.config.redis.keyPrefix;
  }

  private get replyChannel(): string {
    return mediaKeys.replies(this.prefix, this.requesterId);
  }

  async onModuleInit(): Promise<void> {
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (error: unknown) => this.logger.warn({ err: error }, 'media control subscriber error'));
    subscriber.on('message', (channel: string, text: string) => this.onMessage(channel, text));
    await subscriber.subscribe(this.replyChannel, mediaKeys.events(this.prefix));
  }

  onModuleDestroy(): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new MeetingException(MeetingErrorCode.MediaTimeout, 'The server is shutting down.'));
      this.pending.delete(id);
    }
    this.subscriber?.disconnect();
  }

  /** Every live and dead node in the registry (placement filters by heartbeat). */
  async nodes(): Promise<MediaNodeStatus[]> {
    return parseNodes(await this.redis.hgetall(mediaKeys.nodes(this.prefix)));
  }

  onEvent(listener: Listener<MediaEvent>): () => void {
    return this.listeners.add(listener);
  }

  async send<C extends MediaCommand>(nodeId: string, command: C): Promise<MediaReplyData[C['type']]> {
    const request: MediaRequest = { id: randomUUID(), replyTo: this.replyChannel, command };
    const reply = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(request.id);
        reject(new MeetingException(MeetingErrorCode.MediaTimeout, 'The media server did not answer in time; try again.'));
      }, COMMAND_TIMEOUT_MS);
      timer.unref();
      this.pending.set(request.id, { resolve, reject, timer });
    });
    // It may be rejected (timeout, shutdown) while the publish below is still queued in ioredis,
    // before anything awaits it; it is awaited below all the same.
    reply.catch(() => undefined);
    // A publish that throws (Redis gone, the server shutting down) settles `reply` at once
    // instead of leaving it to the timer.
    try {
      const receivers = await this.redis.publish(mediaKeys.commands(this.prefix, nodeId), JSON.stringify(request));
      if (receivers === 0) {
        this.settle(request.id, new MeetingException(MeetingErrorCode.NoMediaNode, 'The media server of this meeting is gone; join again.'));
      }
    } catch (error) {
      this.logger.warn({ err: error, nodeId, type: command.type }, 'could not publish a media command');
      this.settle(request.id, new MeetingException(MeetingErrorCode.MediaTimeout, 'The media server could not be reached; try again.'));
    }
    return (await reply) as MediaReplyData[C['type']];
  }

  private onMessage(channel: string, text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.logger.warn({ channel }, 'ignored a media message that is not JSON');
    }
    if (channel === this.replyChannel) this.onReply(parsed as MediaReply);
    else this.listeners.emit(parsed as MediaEvent);
  }

  private onReply(reply: MediaReply): void {
    if (reply.ok) return this.settle(reply.id, undefined, reply.data);
    this.settle(reply.id, toMeetingError(reply.error.code, reply.error.message));
  }

  private settle(id: string, error: Error | undefined, data?: unknown): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(data ?? null);
  }
}

function toMeetingError(code: MediaErrorCode, message: string): MeetingException {
  switch (code) {
    case MediaErrorCode.InvalidSdp:
    case MediaErrorCode.InvalidCandidate:
    case MediaErrorCode.InvalidCommand:
      return new MeetingException(MeetingErrorCode.InvalidSignal, message);
    case MediaErrorCode.StaleRevision:
      return new MeetingException(MeetingErrorCode.StaleOffer, message);
    case MediaErrorCode.UnknownParticipant:
      return new MeetingException(MeetingErrorCode.NotParticipant, 'The media server does not know this participant; join again.');
    default:
      return new MeetingException(MeetingErrorCode.MediaTimeout, 'The media server failed; try again.');
  }
}
