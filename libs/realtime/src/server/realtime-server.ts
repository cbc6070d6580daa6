import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DefaultEventsMap, Server } from 'socket.io';
import type { SocketData } from '../gateway/socket-auth.js';
import type { ClientEventMap } from '@enclave/contracts';

export type RealtimeIo = Server<DefaultEventsMap, ClientEventMap, DefaultEventsMap, SocketData>;

/**
 * A conversation's members are spread over this many rooms (by user id), so that a large
 * fan-out is delivered as a few shorter broadcasts with I/O in between instead of one long
 * synchronous loop: database round trips of other sends (which hold the conversation's seq
 * lock) are not held up by a whole 1,000-socket broadcast. All devices of a user share a shard.
 */
export const CONVERSATION_SHARDS = 4;

function shardOf(userId: string): number {
  // User ids are random UUIDs: their last hex digits are uniformly distributed.
  return (parseInt(userId.slice(-6), 16) || 0) % CONVERSATION_SHARDS;
}

/** Room names: per conversation (sharded by member), per user (all devices), per session, per presence subscription. */
export const rooms = {
  /** The conversation room a member's sockets join. */
  conversation: (id: string, userId: string) => `c:${id}:${shardOf(userId)}`,
  /** Every room of a conversation, for broadcasts. */
  conversationShards: (id: string) => Array.from({ length: CONVERSATION_SHARDS }, (_, k) => `c:${id}:${k}`),
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
  private readonly attachHooks: Array<(io: RealtimeIo) => void> = [];

  attach(server: RealtimeIo): void {
    this.server = server;
    for (const hook of this.attachHooks) hook(server);
  }

  /** Runs `hook` once the server exists (at once if it already does). */
  onAttach(hook: (io: RealtimeIo) => void): void {
    if (this.server) hook(this.server);
    else this.attachHooks.push(hook);
  }

  get io(): RealtimeIo {
    if (!this.server) throw new Error('the realtime gateway is not initialised');
    return this.server;
  }

  get ready(): boolean {
    return this.server !== undefined;
  }
}
