import { Inject, Injectable } from '@nestjs/common';
import type { ConversationCallEvent, SessionEndedEvent } from '@enclave/contracts';
import { RealtimeServer, rooms } from './server/realtime-server.js';

/**
 * What other modules may ask of the realtime layer. Disconnects go through the Redis adapter,
 * so sockets on every node close (the adapter delivers within milliseconds); the identity and
 * admin flows call these after revoking a session or deactivating a user.
 */
@Injectable()
export class RealtimeService {
  constructor(@Inject(RealtimeServer) private readonly server: RealtimeServer) {}

  disconnectSession(sessionId: string): void {
    this.end(rooms.session(sessionId), { reason: 'session_revoked' });
  }

  disconnectUser(userId: string): void {
    this.end(rooms.user(userId), { reason: 'user_disabled' });
  }

  /** Emits to every member's sockets in a conversation, on every node (meetings' "call in progress" marker). */
  emitToConversation(conversationId: string, event: 'meeting.call', payload: ConversationCallEvent): void {
    if (!this.server.ready) return;
    this.server.io.to(rooms.conversationShards(conversationId)).emit(event, payload);
  }

  /** Number of sockets connected to this node (metrics, tests). */
  localConnections(): number {
    return this.server.ready ? this.server.io.of('/').sockets.size : 0;
  }

  private end(room: string, event: SessionEndedEvent): void {
    if (!this.server.ready) return;
    const io = this.server.io;
    io.to(room).emit('session.ended', event);
    io.in(room).disconnectSockets(true);
  }
}
