import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import type { TypingEvent, TypingRequest } from '@enclave/contracts';
import { REALTIME_REDIS } from '../realtime.tokens.js';
import { RealtimeServer, rooms } from '../server/realtime-server.js';
import type { EnclaveSocket } from '../gateway/socket-auth.js';
import { RealtimeException } from '../errors/realtime.exception.js';

/**
 * Typing indicators: never stored, throttled per user and conversation across devices and
 * nodes (one Redis SET NX per start), and expiring on the clients by themselves.
 */
@Injectable()
export class TypingService {
  private readonly prefix: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REALTIME_REDIS) private readonly redis: Redis,
    @Inject(RealtimeServer) private readonly server: RealtimeServer,
  ) {
    this.prefix = `${config.redis.keyPrefix}realtime:typing:`;
  }

  /** Resolves to whether the indicator was sent (false: throttled, one is still showing). */
  async start(socket: EnclaveSocket, request: TypingRequest): Promise<{ sent: boolean }> {
    this.assertMember(socket, request.conversationId);
    const ttlMs = this.config.realtime.typingTtlSeconds * 1000;
    // Refresh at most every half TTL, so a continuous typist's indicator never lapses.
    const first = await this.redis.set(this.key(socket, request), '1', 'PX', Math.max(500, Math.floor(ttlMs / 2)), 'NX');
    if (first === null) return { sent: false };
    this.emit(socket, request, true, ttlMs);
    return { sent: true };
  }

  async stop(socket: EnclaveSocket, request: TypingRequest): Promise<{ sent: boolean }> {
    this.assertMember(socket, request.conversationId);
    await this.redis.del(this.key(socket, request));
    this.emit(socket, request, false, 0);
    return { sent: true };
  }

  private emit(socket: EnclaveSocket, request: TypingRequest, typing: boolean, expiresInMs: number): void {
    const event: TypingEvent = {
      conversationId: request.conversationId,
      ...(request.threadRootId ? { threadRootId: request.threadRootId } : {}),
      userId: socket.data.auth.userId,
      typing,
      expiresInMs,
    };
    // One broadcast to all shards (a small event: no need to split it).
    this.server.io.to(rooms.conversationShards(request.conversationId)).except(rooms.user(socket.data.auth.userId)).emit('typing', event);
  }

  /** The socket's rooms mirror the user's memberships (joined at connect, updated live). */
  private assertMember(socket: EnclaveSocket, conversationId: string): void {
    if (!socket.rooms.has(rooms.conversation(conversationId, socket.data.auth.userId))) throw RealtimeException.notMember();
  }

  private key(socket: EnclaveSocket, request: TypingRequest): string {
    return `${this.prefix}${socket.data.auth.userId}:${request.conversationId}:${request.threadRootId ?? ''}`;
  }
}
