import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@enclave/core';
import type {
  CatchUpRequest,
  CatchUpResponse,
  MessageResponse,
  ReadStateResponse,
  WsDeleteMessageRequest,
  WsEditMessageRequest,
  WsMarkReadRequest,
  WsReactionRequest,
  WsSendMessageRequest,
  WsThreadReplyRequest,
} from '@enclave/contracts';
import { MessagesService, ReactionsService, ReadStateService, SyncService } from '@enclave/messaging';
import { SendAdmission } from './send-admission.js';

/**
 * Maps WebSocket payloads (ids in the body) onto messaging's services (ids as arguments, as
 * REST has them in the path), so both transports run the same code with the same checks.
 * Every call goes through the node's admission bound (SendAdmission): past it, SERVICE_UNAVAILABLE at once.
 */
@Injectable()
export class MessagingGatewayService {
  constructor(
    @Inject(MessagesService) private readonly messages: MessagesService,
    @Inject(ReactionsService) private readonly reactions: ReactionsService,
    @Inject(ReadStateService) private readonly readState: ReadStateService,
    @Inject(SyncService) private readonly syncs: SyncService,
    @Inject(SendAdmission) private readonly admission: SendAdmission,
  ) {}

  /** The ack carries only the stored message, so every retry of one clientMsgId gets the same ack. */
  async send(actor: Actor, request: WsSendMessageRequest | WsThreadReplyRequest): Promise<MessageResponse> {
    const { conversationId, ...body } = request;
    return this.admission.run(async () => (await this.messages.send(actor, conversationId, body)).message);
  }

  edit(actor: Actor, request: WsEditMessageRequest): Promise<MessageResponse> {
    return this.admission.run(() => this.messages.edit(actor, request.messageId, { text: request.text }));
  }

  async delete(actor: Actor, request: WsDeleteMessageRequest): Promise<null> {
    await this.admission.run(() => this.messages.delete(actor, request.messageId));
    return null;
  }

  react(actor: Actor, request: WsReactionRequest): Promise<MessageResponse> {
    const { messageId, ...body } = request;
    return this.admission.run(() => this.reactions.react(actor, messageId, body));
  }

  markRead(actor: Actor, request: WsMarkReadRequest): Promise<ReadStateResponse> {
    return this.admission.run(() => this.readState.markRead(actor, request.conversationId, { seq: request.seq }));
  }

  catchUp(actor: Actor, request: CatchUpRequest): Promise<CatchUpResponse> {
    return this.admission.run(() => this.syncs.catchUp(actor, request));
  }
}
