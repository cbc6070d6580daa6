import { ApiProperty } from '@nestjs/swagger';
import { CONVERSATION_EVENT_TYPES, type ConversationEventType } from './messaging-events.js';

/** One entry of a conversation's event log: the same envelope the WebSocket pushes live. */
export class ConversationEventResponse {
  @ApiProperty({ format: 'uuid' })
  conversationId!: string;

  @ApiProperty()
  seq!: number;

  @ApiProperty({ enum: CONVERSATION_EVENT_TYPES })
  type!: ConversationEventType;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'See ConversationEventPayloads in @enclave/contracts.' })
  payload!: unknown;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
