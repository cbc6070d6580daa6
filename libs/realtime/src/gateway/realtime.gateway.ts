import { Inject, UseFilters, UseInterceptors, UsePipes, ValidationPipe } from '@nestjs/common';
import { ConnectedSocket, MessageBody, WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import {
  Permission,
  CatchUpRequest,
  PresenceSetRequest,
  PresenceSubscribeRequest,
  TypingRequest,
  WsDeleteMessageRequest,
  WsEditMessageRequest,
  WsMarkReadRequest,
  WsReactionRequest,
  WsSendMessageRequest,
  WsThreadReplyRequest,
} from '@enclave/contracts';
import { MessagingGatewayService } from './messaging-gateway.service.js';
import { PresenceService } from '../presence/presence.service.js';
import { RealtimeServer, rooms, type RealtimeIo } from '../server/realtime-server.js';
import { TypingService } from '../typing/typing.service.js';
import { ConnectionService, HandshakeError } from './connection.service.js';
import { actorFromSocket, type EnclaveSocket } from './socket-auth.js';
import { WsAckFilter } from './ws-ack.filter.js';
import { WsAckInterceptor } from './ws-ack.interceptor.js';
import { WsEvent } from './ws-event.decorator.js';

/**
 * The WebSocket edge: every handler parses (DTO + ValidationPipe), declares its permission
 * (@WsEvent) and delegates with an actor built from the socket. Acks are `{ ok, data | error }`.
 * Protocol: docs/realtime-protocol.md.
 */
@WebSocketGateway()
@UseInterceptors(WsAckInterceptor)
@UseFilters(WsAckFilter)
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, validationError: { target: false, value: false } }))
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    @Inject(RealtimeServer) private readonly server: RealtimeServer,
    @Inject(ConnectionService) private readonly connections: ConnectionService,
    @Inject(MessagingGatewayService) private readonly messaging: MessagingGatewayService,
    @Inject(PresenceService) private readonly presence: PresenceService,
    @Inject(TypingService) private readonly typing: TypingService,
  ) {}

  afterInit(io: RealtimeIo): void {
    this.server.attach(io);
    io.use((socket, next) => {
      this.connections.authenticate(socket).then(
        () => next(),
        (error: HandshakeError) => next(error),
      );
    });
  }

  handleConnection(socket: EnclaveSocket): Promise<void> {
    return this.connections.connected(socket);
  }

  handleDisconnect(socket: EnclaveSocket): Promise<void> {
    return this.connections.disconnected(socket);
  }

  @WsEvent('message.send', Permission.MessageCreate)
  send(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: WsSendMessageRequest) {
    return this.messaging.send(actorFromSocket(socket), body);
  }

  @WsEvent('thread.reply', Permission.MessageCreate)
  reply(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: WsThreadReplyRequest) {
    return this.messaging.send(actorFromSocket(socket), body);
  }

  @WsEvent('message.edit', Permission.MessageEditOwn)
  edit(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: WsEditMessageRequest) {
    return this.messaging.edit(actorFromSocket(socket), body);
  }

  @WsEvent('message.delete', Permission.MessageDeleteOwn, Permission.MessageDeleteAny)
  remove(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: WsDeleteMessageRequest) {
    return this.messaging.delete(actorFromSocket(socket), body);
  }

  @WsEvent('reaction.set', Permission.MessageReact)
  react(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: WsReactionRequest) {
    return this.messaging.react(actorFromSocket(socket), body);
  }

  @WsEvent('read.mark', Permission.MessageReadState)
  markRead(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: WsMarkReadRequest) {
    return this.messaging.markRead(actorFromSocket(socket), body);
  }

  @WsEvent('sync', Permission.MessageRead)
  sync(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: CatchUpRequest) {
    return this.messaging.catchUp(actorFromSocket(socket), body);
  }

  @WsEvent('typing.start', Permission.TypingSend)
  typingStart(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: TypingRequest) {
    return this.typing.start(socket, body);
  }

  @WsEvent('typing.stop', Permission.TypingSend)
  typingStop(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: TypingRequest) {
    return this.typing.stop(socket, body);
  }

  @WsEvent('presence.set', Permission.PresenceSet)
  setPresence(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: PresenceSetRequest) {
    return this.presence.set(socket.data.auth.userId, body);
  }

  @WsEvent('presence.subscribe', Permission.PresenceRead)
  async subscribe(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: PresenceSubscribeRequest) {
    await socket.join(body.userIds.map(rooms.presence));
    return this.presence.get(body.userIds);
  }

  @WsEvent('presence.unsubscribe', Permission.PresenceRead)
  async unsubscribe(@ConnectedSocket() socket: EnclaveSocket, @MessageBody() body: PresenceSubscribeRequest) {
    for (const id of body.userIds) await socket.leave(rooms.presence(id));
    return { unsubscribed: body.userIds.length };
  }
}
