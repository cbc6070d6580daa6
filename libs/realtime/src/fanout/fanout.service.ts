import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { MessagingEventBus, type DomainEvent } from '@enclave/messaging';
import { RawJson } from '../adapter/raw-json.js';
import { RealtimeServer, rooms } from '../server/realtime-server.js';

/**
 * Delivers committed messaging events to the audience's room. Each event's JSON was
 * serialised once by messaging; socket.io encodes the frame once per broadcast (RawJson keeps
 * it from being stringified again) and the Redis adapter carries it to the other nodes. There
 * is no per-socket work here. Membership events move the member's sockets, on every node,
 * into or out of the conversation room before (join) or after (leave) the event goes out.
 */
@Injectable()
export class FanoutService implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(MessagingEventBus) private readonly bus: MessagingEventBus,
    @Inject(RealtimeServer) private readonly server: RealtimeServer,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((event) => this.deliver(event));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  deliver(event: DomainEvent): void {
    if (!this.server.ready) return;
    const io = this.server.io;
    const frame = new RawJson(event.json);
    if (event.audience.scope === 'conversation') {
      const room = rooms.conversation(event.audience.conversationId);
      if (event.type === 'member.joined') io.in(rooms.user(event.payload.userId)).socketsJoin(room);
      io.to(room).emit('conversation.event', frame as never);
      if (event.type === 'member.left') io.in(rooms.user(event.payload.userId)).socketsLeave(room);
      return;
    }
    const userRoom = rooms.user(event.audience.userId);
    if (event.type === 'conversation.added') io.in(userRoom).socketsJoin(rooms.conversation(event.payload.conversation.id));
    else if (event.type === 'conversation.removed') io.in(userRoom).socketsLeave(rooms.conversation(event.payload.conversationId));
    io.to(userRoom).emit('user.event', frame as never);
  }
}
