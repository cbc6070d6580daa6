import { ApiProperty } from '@nestjs/swagger';
import { ConversationResponse } from './conversation-response.dto.js';

export class ChangedConversationsResponse {
  @ApiProperty({ type: () => [ConversationResponse], description: 'Conversations you joined or were added to since the cursor (current state).' })
  added!: ConversationResponse[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Conversations you left or were removed from since the cursor.' })
  removedIds!: string[];

  @ApiProperty({ description: 'Your user-stream cursor these results are current to.' })
  cursor!: number;

  @ApiProperty({ description: 'Too much changed: reload the whole conversation list instead.' })
  resync!: boolean;
}
