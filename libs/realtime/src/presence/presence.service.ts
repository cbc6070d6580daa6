import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, Clock, type AppConfig } from '@enclave/core';
import type { PresenceEvent, PresenceSetRequest, PresenceStatus } from '@enclave/contracts';
import { REALTIME_REDIS } from '../realtime.tokens.js';
import type { LuaReply } from '../redis/lua-script.js';
import { RealtimeServer, rooms } from '../server/realtime-server.js';
import type { SocketAuth } from '../gateway/socket-auth.js';
import { CONNECT, DISCONNECT, LEAVE, SWEEP, TOUCH } from './presence.scripts.js';

const SWEEP_INTERVAL_MS = 1000;

/**
 * Presence per user, aggregated over devices and nodes (see presence.scripts.ts). Changes are
 * pushed to the user's presence room (subscribers) and to the user's own devices.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PresenceService.name);
  private readonly prefix: string;
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REALTIME_REDIS) private readonly redis: Redis,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(RealtimeServer) private readonly server: RealtimeServer,
  ) {
    this.prefix = `${config.redis.keyPrefix}realtime:presence:`;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await LEAVE.run(this.redis, [], [this.prefix, this.server.nodeId]).catch(() => undefined);
  }

  async connected(auth: SocketAuth, socketId: string): Promise<void> {
    const now = this.clock.nowMs();
    const value = await CONNECT.run(this.redis, [], [this.prefix, auth.userId, this.field(socketId), this.server.nodeId, now, this.awayMs(), this.nodeExpiry(now)]);
    this.publish(auth.userId, value);
  }

  async disconnected(auth: SocketAuth, socketId: string): Promise<void> {
    const value = await DISCONNECT.run(this.redis, [], [this.prefix, auth.userId, this.field(socketId), this.clock.nowMs(), this.awayMs()]);
    this.publish(auth.userId, value);
  }

  /** The user did something: back to online if idle (callers throttle). */
  async active(userId: string): Promise<void> {
    const value = await TOUCH.run(this.redis, [], [this.prefix, userId, this.clock.nowMs(), this.awayMs(), '', 0]);
    this.publish(userId, value);
  }

  async set(userId: string, request: PresenceSetRequest): Promise<PresenceEvent> {
    const untilMs = request.status !== 'online' && request.until ? Date.parse(request.until) : 0;
    const value = await TOUCH.run(this.redis, [], [this.prefix, userId, this.clock.nowMs(), this.awayMs(), request.status, untilMs]);
    this.publish(userId, value);
    const [current] = await this.get([userId]);
    return current;
  }

  async get(userIds: readonly string[]): Promise<PresenceEvent[]> {
    if (userIds.length === 0) return [];
    const values = await this.redis.mget(...userIds.map((id) => `${this.prefix}pub:${id}`));
    return userIds.map((userId, i) => toEvent(userId, values[i] ?? null));
  }

  private async sweep(): Promise<void> {
    if (this.sweeping || !this.server.ready) return;
    this.sweeping = true;
    try {
      const now = this.clock.nowMs();
      const changed = await SWEEP.run(this.redis, [], [this.prefix, this.server.nodeId, now, this.awayMs(), this.nodeExpiry(now)]);
      if (Array.isArray(changed)) for (let i = 0; i + 1 < changed.length; i += 2) this.publish(String(changed[i]), changed[i + 1]);
    } catch (error) {
      this.logger.warn({ err: error }, 'presence sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  private publish(userId: string, value: LuaReply): void {
    if (typeof value !== 'string') return;
    const event = toEvent(userId, value);
    this.server.io.to([rooms.presence(userId), rooms.user(userId)]).emit('presence', event);
  }

  private field(socketId: string): string {
    return `${this.server.nodeId}/${socketId}`;
  }

  private awayMs(): number {
    return this.config.realtime.awayAfterSeconds * 1000;
  }

  private nodeExpiry(now: number): number {
    return now + this.config.realtime.presenceTtlSeconds * 1000;
  }
}

function toEvent(userId: string, value: string | null): PresenceEvent {
  if (!value) return { userId, status: 'offline' };
  const [status, until] = value.split('|');
  const untilMs = Number(until);
  return untilMs > 0 ? { userId, status: status as PresenceStatus, until: new Date(untilMs).toISOString() } : { userId, status: status as PresenceStatus };
}
