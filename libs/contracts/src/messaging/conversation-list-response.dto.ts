import { ApiProperty } from '@nestjs/swagger';
import { ConversationResponse } from './conversation-response.dto.js';

export class ConversationListResponse {
  @ApiProperty({ type: () => [ConversationResponse] })
  items!: ConversationResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}
