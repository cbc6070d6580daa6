import { ApiProperty } from '@nestjs/swagger';

export class ReadStateResponse {
  @ApiProperty({ format: 'uuid' })
  conversationId!: string;

  @ApiProperty()
  lastReadSeq!: number;

  @ApiProperty({ description: 'Capped at 1000.' })
  unreadCount!: number;

  @ApiProperty({ description: 'Capped at 1000.' })
  mentionCount!: number;
}
