import { ApiProperty } from '@nestjs/swagger';

export class ThreadSummaryResponse {
  @ApiProperty()
  replyCount!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastReplyAt!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  lastReplySeq!: number | null;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Who replied, earliest first.' })
  participantIds!: string[];
}
