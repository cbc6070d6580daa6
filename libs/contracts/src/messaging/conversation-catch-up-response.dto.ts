import { ApiProperty } from '@nestjs/swagger';
import { ConversationEventResponse } from './conversation-event-response.dto.js';

export class ConversationCatchUpResponse {
  @ApiProperty({ format: 'uuid' })
  conversationId!: string;

  @ApiProperty({ description: 'False: you are not (or no longer) a member; no events are returned.' })
  member!: boolean;

  @ApiProperty({ description: 'Too much was missed (or your seq is unknown here): reload the conversation and continue from latestSeq.' })
  resync!: boolean;

  @ApiProperty({ description: 'The conversation\'s latest seq (0 when not a member).' })
  latestSeq!: number;

  @ApiProperty({ type: () => [ConversationEventResponse], description: 'Missed events in seq order, gap-free.' })
  events!: ConversationEventResponse[];

  @ApiProperty({ description: 'More events follow: call again from the last returned seq.' })
  hasMore!: boolean;
}
