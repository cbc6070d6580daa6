import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppException, Clock, CommonErrorCode, type AppConfig } from '@enclave/core';
import { AccessTokenVerifier } from '@enclave/identity';
import type { ReadyEvent } from '@enclave/contracts';
import { PresenceService } from '../presence/presence.service.js';
import { rooms } from '../server/realtime-server.js';
import { MembershipDirectory } from './membership-directory.js';
import type { EnclaveSocket } from './socket-auth.js';
import { WsEdge } from './ws-edge.service.js';

const MAX_USER_AGENT = 512;

/** The error socket.io-client receives as `connect_error`: `err.message` and `err.data.code`. */
export class HandshakeError extends Error {
  constructor(readonly data: { code: string; message: string }) {
    super(data.message);
  }
}

/**
 * A socket's life: authenticated at the handshake (before any event can arrive), then joined
 * to its rooms (user, session, every conversation it is a member of), counted in presence,
 * and told `ready`. Clients send `sync` after `ready`.
 */
@Injectable()
export class ConnectionService {
  private readonly logger = new Logger('RealtimeConnections');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AccessTokenVerifier) private readonly verifier: AccessTokenVerifier,
    @Inject(MembershipDirectory) private readonly memberships: MembershipDirectory,
    @Inject(PresenceService) private readonly presence: PresenceService,
    @Inject(WsEdge) private readonly edge: WsEdge,
  ) {}

  /** socket.io middleware: runs once per connection before 'connection'. */
  async authenticate(socket: EnclaveSocket): Promise<void> {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0) {
      throw new HandshakeError({ code: CommonErrorCode.Unauthenticated, message: 'Send the access token as auth.token.' });
    }
    try {
      const auth = await this.verifier.verify(token);
      const ua = socket.handshake.headers['user-agent'];
      socket.data = {
        auth,
        ip: this.clientIp(socket),
        userAgent: typeof ua === 'string' ? ua.slice(0, MAX_USER_AGENT) : undefined,
        frameBytes: 0,
        lastActiveWrite: this.clock.nowMs(),
      };
    } catch (error) {
      if (error instanceof AppException) throw new HandshakeError({ code: error.code, message: error.message });
      this.logger.error({ err: error }, 'handshake failed');
      throw new HandshakeError({ code: CommonErrorCode.Internal, message: 'Internal server error.' });
    }
  }

  async connected(socket: EnclaveSocket): Promise<void> {
    const { auth } = socket.data;
    this.edge.install(socket);
    try {
      // The user room first: a membership change committed after the query below reaches this
      // socket through it (fan-out joins `u:<id>` to the conversation room), so none is missed.
      await socket.join([rooms.user(auth.userId), rooms.session(auth.sessionId)]);
      const conversationIds = await this.memberships.conversationIdsOf(auth.userId);
      if (socket.disconnected) return;
      await socket.join(conversationIds.map((id) => rooms.conversation(id, auth.userId)));
      await this.presence.connected(auth, socket.id);
    } catch (error) {
      this.logger.error({ err: error, userId: auth.userId }, 'could not set up a WebSocket connection');
      socket.disconnect(true);
      return;
    }
    const { realtime } = this.config;
    const ready: ReadyEvent = {
      userId: auth.userId,
      sessionId: auth.sessionId,
      serverTime: this.clock.now().toISOString(),
      limits: {
        maxEventBytes: realtime.maxEventBytes,
        sendRatePerSecond: realtime.sendRatePerSecond,
        sendBurst: realtime.sendBurst,
        typingTtlMs: realtime.typingTtlSeconds * 1000,
      },
    };
    socket.emit('ready', ready);
  }

  async disconnected(socket: EnclaveSocket): Promise<void> {
    if (!socket.data.auth) return;
    await this.presence.disconnected(socket.data.auth, socket.id).catch((error: unknown) => this.logger.warn({ err: error }, 'presence update failed'));
  }

  private clientIp(socket: EnclaveSocket): string | undefined {
    if (this.config.http.trustProxy) {
      const forwarded = socket.handshake.headers['x-forwarded-for'];
      const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
      if (first) return first.slice(0, 64);
    }
    return socket.handshake.address?.slice(0, 64);
  }
}
