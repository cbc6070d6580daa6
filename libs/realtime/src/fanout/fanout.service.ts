import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { MessagingEventBus, type ConversationDomainEvent, type DomainEvent } from '@enclave/messaging';
import { RawJson } from '../adapter/raw-json.js';
import { RealtimeServer, rooms } from '../server/realtime-server.js';

/** What one node tells the others (through the Redis adapter) to deliver to a conversation. */
interface ConversationFanout {
  readonly conversationId: string;
  /** The event envelope as messaging serialised it. */
  readonly json: string;
  /** member.left: take this user's sockets out of the room once the event is out. */
  readonly leaveUserId?: string;
}

const FANOUT_EVENT = 'enclave:conversation-fanout';

type Step = () => void;

/**
 * Delivers committed messaging events to their audience. Each event's JSON was serialised once
 * by messaging; `RawJson` keeps socket.io from stringifying it again, and each broadcast
 * encodes one frame for all its sockets. There is no per-socket work in Enclave code.
 *
 * Conversation events: one message through the Redis streams adapter (`serverSideEmit`) tells
 * the other nodes, then every node delivers to its own sockets in the conversation's shard
 * rooms, one broadcast per turn of the event loop from one FIFO queue. Order is kept (all shards
 * of event n before any of n + 1), and between two broadcasts the loop handles I/O, so the
 * database round trips of sends that hold a conversation's seq lock do not wait behind a whole
 * 1,000-socket fan-out (measured: that, not CPU, capped a 1,000-member channel at ~60 msg/s).
 *
 * User events (small audiences) are one ordinary adapter broadcast. Membership changes move the
 * member's sockets on every node into the room before the event (join), or out of it after the
 * event was delivered (leave).
 */
@Injectable()
export class FanoutService implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;
  private readonly queue: Step[] = [];

  constructor(
    @Inject(MessagingEventBus) private readonly bus: MessagingEventBus,
    @Inject(RealtimeServer) private readonly server: RealtimeServer,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((event) => this.deliver(event));
    // Other nodes' conversation events arrive here, in the order they were published.
    this.server.onAttach((io) => io.on(FANOUT_EVENT, (message: ConversationFanout) => this.deliverLocally(message)));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  deliver(event: DomainEvent): void {
    if (!this.server.ready) return;
    if (event.audience.scope === 'conversation') return this.deliverToConversation(event as ConversationDomainEvent);
    const io = this.server.io;
    const userRoom = rooms.user(event.audience.userId);
    if (event.type === 'conversation.added') io.in(userRoom).socketsJoin(rooms.conversation(event.payload.conversation.id, event.audience.userId));
    else if (event.type === 'conversation.removed') io.in(userRoom).socketsLeave(rooms.conversation(event.payload.conversationId, event.audience.userId));
    // RawJson serialises to exactly the envelope ClientEventMap declares; the cast tells the typed emitter so.
    io.to(userRoom).emit('user.event', new RawJson(event.json) as never);
  }

  private deliverToConversation(event: ConversationDomainEvent): void {
    const io = this.server.io;
    const conversationId = event.audience.conversationId;
    if (event.type === 'member.joined') io.in(rooms.user(event.payload.userId)).socketsJoin(rooms.conversation(conversationId, event.payload.userId));
    const message: ConversationFanout = event.type === 'member.left' ? { conversationId, json: event.json, leaveUserId: event.payload.userId } : { conversationId, json: event.json };
    io.serverSideEmit(FANOUT_EVENT, message);
    this.deliverLocally(message);
  }

  private deliverLocally({ conversationId, json, leaveUserId }: ConversationFanout): void {
    const io = this.server.io;
    const frame = new RawJson(json) as never;
    for (const room of rooms.conversationShards(conversationId)) this.enqueue(() => io.local.to(room).emit('conversation.event', frame));
    if (leaveUserId) this.enqueue(() => io.local.in(rooms.user(leaveUserId)).socketsLeave(rooms.conversation(conversationId, leaveUserId)));
  }

  private enqueue(step: Step): void {
    this.queue.push(step);
    if (this.queue.length === 1) setImmediate(this.drainOne);
  }

  /** One broadcast per turn of the event loop, in order (scheduled before running, so a throw cannot stall it). */
  private readonly drainOne = (): void => {
    const step = this.queue.shift();
    if (this.queue.length > 0) setImmediate(this.drainOne);
    step?.();
  };
}
