import { ApiProperty } from '@nestjs/swagger';
import { MessageRevisionResponse } from './message-revision-response.dto.js';

export class MessageRevisionListResponse {
  @ApiProperty({ format: 'uuid' })
  messageId!: string;

  @ApiProperty({ type: () => [MessageRevisionResponse], description: 'Oldest first, ending with the current text.' })
  items!: MessageRevisionResponse[];
}
