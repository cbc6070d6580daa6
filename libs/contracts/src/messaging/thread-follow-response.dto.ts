import { ApiProperty } from '@nestjs/swagger';

export class ThreadFollowResponse {
  @ApiProperty({ format: 'uuid' })
  rootId!: string;

  @ApiProperty({ format: 'uuid' })
  conversationId!: string;

  @ApiProperty()
  following!: boolean;

  @ApiProperty()
  lastReadSeq!: number;
}
