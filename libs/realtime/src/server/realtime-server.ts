import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DefaultEventsMap, Server } from 'socket.io';
import type { SocketData } from '../gateway/socket-auth.js';
import type { ClientEventMap } from '@enclave/contracts';

export type RealtimeIo = Server<DefaultEventsMap, ClientEventMap, DefaultEventsMap, SocketData>;

/** Room names: one per conversation, per user (all devices), per session, per presence subscription. */
export const rooms = {
  conversation: (id: string) => `c:${id}`,
  user: (id: string) => `u:${id}`,
  session: (id: string) => `s:${id}`,
  presence: (userId: string) => `p:${userId}`,
} as const;

/**
 * Holds the socket.io server once the gateway is initialised, so services can broadcast and
 * manage rooms without depending on the gateway. `nodeId` names this process in Redis.
 */
@Injectable()
export class RealtimeServer {
  readonly nodeId = randomBytes(6).toString('hex');
  private server: RealtimeIo | undefined;

  attach(server: RealtimeIo): void {
    this.server = server;
  }

  get io(): RealtimeIo {
    if (!this.server) throw new Error('the realtime gateway is not initialised');
    return this.server;
  }

  get ready(): boolean {
    return this.server !== undefined;
  }
}
