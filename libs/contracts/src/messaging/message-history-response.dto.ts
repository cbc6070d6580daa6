import { ApiProperty } from '@nestjs/swagger';
import { MessageResponse } from './message-response.dto.js';

export class MessageHistoryResponse {
  @ApiProperty({ type: () => [MessageResponse], description: 'Oldest first.' })
  items!: MessageResponse[];

  @ApiProperty({ description: 'Older messages exist (page with before = items[0].seq).' })
  hasMoreBefore!: boolean;

  @ApiProperty({ description: 'Newer messages exist (page with after = last item seq).' })
  hasMoreAfter!: boolean;
}
