import { ApiProperty } from '@nestjs/swagger';
import { MessageResponse } from './message-response.dto.js';

export class ThreadInboxItemResponse {
  @ApiProperty({ format: 'uuid' })
  conversationId!: string;

  @ApiProperty({ type: () => MessageResponse, description: 'The thread root, with its reply count and participants.' })
  root!: MessageResponse;

  @ApiProperty({ description: 'Replies by others after your thread read mark (capped at 1000).' })
  unreadReplies!: number;

  @ApiProperty({ description: 'Of those, the ones mentioning you.' })
  unreadMentions!: number;

  @ApiProperty()
  lastReadSeq!: number;
}
