import type { Server as HttpServer } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { isObservable, type Observable } from 'rxjs';
import { Server, type ServerOptions } from 'socket.io';
import type { AppConfig } from '@enclave/core';
import { rawJsonParser } from './raw-json.parser.js';

/**
 * socket.io for Enclave: options from the configuration, the raw-JSON encoder, and the Redis
 * streams adapter (keys under REDIS_KEY_PREFIX) so a broadcast reaches sockets on every node.
 * Handlers are bound with one plain listener per event instead of Nest's per-socket RxJS
 * pipeline: same semantics for ack-returning handlers, a fraction of the memory per idle
 * connection.
 */
// @nestjs/platform-socket.io pins its own socket.io (4.8.3) while the app uses the root 4.8.4
// that the Redis adapter and parser belong to. This adapter builds the root Server itself, so
// the nested copy is never instantiated; only the base class's declared types refer to it.
type NestIoServer = ReturnType<IoAdapter['createIOServer']>;
type NestIoSocket = Parameters<IoAdapter['bindMessageHandlers']>[0];

export class RealtimeIoAdapter extends IoAdapter {
  private readonly log = new Logger('RealtimeIoAdapter');

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly redis: Redis,
  ) {
    super(app);
  }

  override createIOServer(port: number, nestOptions?: Parameters<IoAdapter['createIOServer']>[1]): NestIoServer {
    const prefix = `${this.config.redis.keyPrefix}realtime:`;
    const options: Partial<ServerOptions> = {
      ...(nestOptions as Partial<ServerOptions> | undefined),
      // WebSocket only: no long-polling state to pin to a node, so no sticky sessions needed.
      transports: ['websocket'],
      maxHttpBufferSize: this.config.realtime.maxFrameBytes,
      perMessageDeflate: false,
      serveClient: false,
      pingInterval: 25_000,
      pingTimeout: 20_000,
      connectTimeout: 10_000,
      cleanupEmptyChildNamespaces: true,
      parser: rawJsonParser,
    };
    const httpServer = this.httpServer as HttpServer | undefined;
    const server = httpServer && port === 0 ? new Server(httpServer, options) : new Server(port, options);
    server.adapter(
      createAdapter(this.redis, {
        streamName: `${prefix}stream`,
        channelPrefix: `${prefix}cluster`,
        sessionKeyPrefix: `${prefix}session:`,
        maxLen: 10_000,
        onlyPlaintext: true,
      }),
    );
    return server as unknown as NestIoServer;
  }

  override bindMessageHandlers(socket: NestIoSocket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback } of handlers) {
      socket.on(String(message), (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args) as { data: unknown; ack?: unknown };
        let result: unknown;
        try {
          result = callback(data, ack);
        } catch (error) {
          this.log.error({ err: error }, 'WebSocket handler threw');
          return;
        }
        const reply = (response: unknown) => {
          if (response !== undefined && response !== null && typeof ack === 'function') (ack as (r: unknown) => void)(response);
        };
        const output = transform(result);
        if (isObservable(output)) output.subscribe({ next: reply, error: (error: unknown) => this.log.error({ err: error }, 'WebSocket handler failed') });
      });
    }
  }
}
