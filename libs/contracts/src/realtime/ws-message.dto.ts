import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { EditMessageRequest } from '../messaging/edit-message-request.dto.js';
import { MarkReadRequest } from '../messaging/mark-read-request.dto.js';
import { CLIENT_MSG_ID_MAX_LENGTH, MESSAGE_TEXT_INPUT_MAX_LENGTH } from '../messaging/messaging-limits.js';
import { HasNoNul } from '../messaging/messaging-validation.js';
import { ReactionRequest } from '../messaging/reaction-request.dto.js';
import { SendMessageRequest } from '../messaging/send-message-request.dto.js';

/*
 * Client → server payloads of the message operations over WebSocket. They are the REST
 * request bodies plus the ids REST carries in the path, so both transports validate alike.
 * A message id alone identifies a message (as in REST); conversation ids are given where
 * the operation is on a conversation.
 */

/** `message.send` (a thread reply when `threadRootId` is set). Ack: the stored message, incl. seq. */
export class WsSendMessageRequest extends SendMessageRequest {
  @IsUUID('all')
  conversationId!: string;
}

/** `thread.reply`: like `message.send`, with the thread root required. */
export class WsThreadReplyRequest {
  @IsUUID('all')
  conversationId!: string;

  @IsUUID('all')
  threadRootId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(MESSAGE_TEXT_INPUT_MAX_LENGTH)
  @HasNoNul()
  text!: string;

  @IsOptional()
  @IsString()
  @MaxLength(CLIENT_MSG_ID_MAX_LENGTH)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'clientMsgId must be letters, digits or . _ : -' })
  clientMsgId?: string;
}

/** `message.edit` */
export class WsEditMessageRequest extends EditMessageRequest {
  @IsUUID('all')
  messageId!: string;
}

/** `message.delete` */
export class WsDeleteMessageRequest {
  @IsUUID('all')
  messageId!: string;
}

/** `reaction.set`: add, remove or toggle your reaction. */
export class WsReactionRequest extends ReactionRequest {
  @IsUUID('all')
  messageId!: string;
}

/** `read.mark`: everything up to `seq` in the conversation is read (never moves backwards). */
export class WsMarkReadRequest extends MarkReadRequest {
  @IsUUID('all')
  conversationId!: string;
}
