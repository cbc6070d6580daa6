import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { MessagingEventBus, type ConversationDomainEvent, type DomainEvent } from '@enclave/messaging';
import { RawJson } from '../adapter/raw-json.js';
import { RealtimeServer, rooms, type RealtimeIo } from '../server/realtime-server.js';
import { concatFrames, eventFrame, type EventFrame } from './event-frame.js';
import { writeFrames } from './frame-writer.js';

/** What one node tells the others (through the Redis adapter) to deliver to a conversation. */
interface ConversationFanout {
  readonly conversationId: string;
  /** The event envelope as messaging serialised it. */
  readonly json: string;
  /** member.left: take this user's sockets out of the room once the event is out. */
  readonly leaveUserId?: string;
}

const FANOUT_EVENT = 'enclave:conversation-fanout';

/** A queued broadcast to one shard room of a conversation: every frame not yet written there. */
interface Broadcast {
  readonly room: string;
  readonly frames: EventFrame[];
}
type Step = Broadcast | (() => void);

/**
 * Delivers committed messaging events to their audience.
 *
 * Conversation events: one message through the Redis streams adapter (`serverSideEmit`) tells
 * the other nodes, then every node delivers to its own sockets in the conversation's shard
 * rooms. Each event is encoded once per node into a complete WebSocket frame (event-frame.ts)
 * and each recipient costs one socket write (frame-writer.ts). Shard rooms are written one per
 * turn of the event loop from one FIFO queue, so database round trips of other sends are not
 * held up behind a whole 1,000-socket fan-out; events that arrive while a shard's broadcast is
 * still queued join it, so under load a recipient gets several frames in one write (fewer
 * system calls per delivery the busier the node, no added latency when it is idle). Order is
 * kept per socket: frames of a conversation are written in publish order, and a membership
 * change (leave) is a barrier that later frames do not pass.
 *
 * User events (small audiences) are one ordinary adapter broadcast. Membership changes move the
 * member's sockets on every node into the room before the event (join), or out of it after the
 * event was delivered (leave).
 */
@Injectable()
export class FanoutService implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;
  private readonly queue: Step[] = [];
  /** Queued (not yet written) broadcasts by room: where a new frame for that room can still go. */
  private readonly open = new Map<string, Broadcast>();

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
    const frame = eventFrame('conversation.event', json);
    const shards = rooms.conversationShards(conversationId);
    for (const room of shards) {
      const queued = this.open.get(room);
      if (queued) queued.frames.push(frame);
      else this.enqueue(this.openBroadcast(room, frame));
    }
    if (leaveUserId) {
      // A barrier: frames published after the leave must not be merged into writes before it.
      for (const room of shards) this.open.delete(room);
      this.enqueue(() => this.server.io.local.in(rooms.user(leaveUserId)).socketsLeave(rooms.conversation(conversationId, leaveUserId)));
    }
  }

  private openBroadcast(room: string, frame: EventFrame): Broadcast {
    const broadcast: Broadcast = { room, frames: [frame] };
    this.open.set(room, broadcast);
    return broadcast;
  }

  private enqueue(step: Step): void {
    this.queue.push(step);
    if (this.queue.length === 1) setImmediate(this.drainOne);
  }

  /** One step per turn of the event loop, in order (scheduled before running, so a throw cannot stall it). */
  private readonly drainOne = (): void => {
    const step = this.queue.shift();
    if (this.queue.length > 0) setImmediate(this.drainOne);
    if (step === undefined) return;
    if (typeof step === 'function') return step();
    if (this.open.get(step.room) === step) this.open.delete(step.room);
    if (this.server.ready) writeToRoom(this.server.io, step);
  };
}

/** Every local socket in the room gets all the broadcast's frames in one write. */
function writeToRoom(io: RealtimeIo, { room, frames }: Broadcast): void {
  const namespace = io.of('/');
  const ids = namespace.adapter.rooms.get(room);
  if (!ids || ids.size === 0) return;
  const bytes = concatFrames(frames);
  for (const id of ids) {
    const socket = namespace.sockets.get(id);
    if (socket) writeFrames(socket, frames, bytes);
  }
}
