import { ApiProperty } from '@nestjs/swagger';
import { ConversationCatchUpResponse } from './conversation-catch-up-response.dto.js';
import { UserCatchUpResponse } from './user-catch-up-response.dto.js';

export class CatchUpResponse {
  @ApiProperty({ type: () => [ConversationCatchUpResponse] })
  conversations!: ConversationCatchUpResponse[];

  @ApiProperty({ type: () => UserCatchUpResponse, nullable: true, description: 'Null when no userCursor was given.' })
  user!: UserCatchUpResponse | null;
}
