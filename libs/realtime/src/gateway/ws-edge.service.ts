import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import { RealtimeErrorCode, type Ack } from '@enclave/contracts';
import { PresenceService } from '../presence/presence.service.js';
import { SendRateLimiter } from '../rate-limit/send-rate-limiter.service.js';
import type { EnclaveSocket } from './socket-auth.js';
import { WS_EVENT_PERMISSIONS } from './ws-event.decorator.js';

type Ack0 = (reply: Ack<never>) => void;

/** Events that mean a person is at the keyboard (presence: back from away). Sync and subscriptions are automatic. */
const ACTIVITY_EVENTS = new Set(['message.send', 'thread.reply', 'message.edit', 'message.delete', 'reaction.set', 'read.mark', 'typing.start']);
type Next = (error?: Error) => void;

/**
 * The cheap checks every client event passes before Nest sees it, as socket.io middleware:
 * a known event name, the logical size limit, and the per-user rate limit. Each refusal is an
 * error ack; the socket stays connected (a frame over the hard cap, maxHttpBufferSize, is
 * refused by socket.io itself by closing the connection).
 */
@Injectable()
export class WsEdge {
  private readonly logger = new Logger(WsEdge.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SendRateLimiter) private readonly rateLimiter: SendRateLimiter,
    @Inject(PresenceService) private readonly presence: PresenceService,
  ) {}

  install(socket: EnclaveSocket): void {
    // engine.io emits 'packet' with the raw frame synchronously before socket.io decodes and
    // dispatches it, so the size recorded here belongs to the event the middleware sees next.
    socket.conn.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type === 'message') socket.data.frameBytes = typeof packet.data === 'string' ? Buffer.byteLength(packet.data) : 0;
    });
    socket.use((packet, next) => this.check(socket, packet, next));
  }

  private check(socket: EnclaveSocket, packet: unknown[], next: Next): void {
    const event = packet[0];
    const last = packet[packet.length - 1];
    const ack: Ack0 | undefined = typeof last === 'function' ? (last as Ack0) : undefined;
    if (typeof event !== 'string' || !WS_EVENT_PERMISSIONS.has(event)) {
      return refuse(ack, RealtimeErrorCode.UnknownEvent, `Unknown event ${JSON.stringify(String(event).slice(0, 64))}.`);
    }
    const limit = this.config.realtime.maxEventBytes;
    if (socket.data.frameBytes > limit) {
      return refuse(ack, RealtimeErrorCode.PayloadTooLarge, `Events are limited to ${limit} bytes.`, { limitBytes: limit });
    }
    this.rateLimiter.take(socket.data.auth.userId).then(
      (retryAfterMs) => {
        if (retryAfterMs > 0) refuse(ack, RealtimeErrorCode.RateLimited, 'Too many events; slow down.', { retryAfterMs });
        else {
          if (ACTIVITY_EVENTS.has(event)) this.noteActivity(socket);
          next();
        }
      },
      (error: unknown) => {
        // Fail open: a Redis hiccup must not stop messaging; the limit resumes with Redis.
        this.logger.warn({ err: error }, 'rate limiter unavailable');
        next();
      },
    );
  }

  /** Presence learns of activity at most every half idle period per socket: one Redis call, not one per event. */
  private noteActivity(socket: EnclaveSocket): void {
    const now = Date.now();
    if (now - socket.data.lastActiveWrite < Math.min(30_000, this.config.realtime.awayAfterSeconds * 500)) return;
    socket.data.lastActiveWrite = now;
    this.presence.active(socket.data.auth.userId).catch((error: unknown) => this.logger.warn({ err: error }, 'presence update failed'));
  }
}

function refuse(ack: Ack0 | undefined, code: RealtimeErrorCode, message: string, details?: Record<string, unknown>): void {
  ack?.({ ok: false, error: details ? { code, message, details } : { code, message } });
}
