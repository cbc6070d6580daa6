import { ApiProperty } from '@nestjs/swagger';
import { MessageResponse } from './message-response.dto.js';

export class ThreadResponse {
  @ApiProperty({ type: () => MessageResponse })
  root!: MessageResponse;

  @ApiProperty({ type: () => [MessageResponse], description: 'Replies, oldest first.' })
  replies!: MessageResponse[];

  @ApiProperty({ description: 'More replies follow (page with after = last reply seq).' })
  hasMore!: boolean;

  @ApiProperty({ description: 'Whether you follow the thread (it is in your thread inbox).' })
  following!: boolean;

  @ApiProperty({ description: 'Your read mark in this thread (a conversation seq).' })
  lastReadSeq!: number;
}
