import { ApiProperty } from '@nestjs/swagger';
import { UserEventResponse } from './user-event-response.dto.js';

export class UserCatchUpResponse {
  @ApiProperty({ description: 'Too much was missed: reload your conversation list and continue from latestSeq.' })
  resync!: boolean;

  @ApiProperty()
  latestSeq!: number;

  @ApiProperty({ type: () => [UserEventResponse] })
  events!: UserEventResponse[];

  @ApiProperty()
  hasMore!: boolean;
}
