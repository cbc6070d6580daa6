import { ApiProperty } from '@nestjs/swagger';
import { ThreadInboxItemResponse } from './thread-inbox-item-response.dto.js';

export class ThreadInboxResponse {
  @ApiProperty({ type: () => [ThreadInboxItemResponse], description: 'Followed threads, most recent reply first.' })
  items!: ThreadInboxItemResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
