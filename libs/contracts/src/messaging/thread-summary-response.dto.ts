import { ApiProperty } from '@nestjs/swagger';
import { THREAD_PARTICIPANTS_SHOWN } from './messaging-limits.js';

export class ThreadSummaryResponse {
  @ApiProperty()
  replyCount!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastReplyAt!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  lastReplySeq!: number | null;

  @ApiProperty({ type: [String], format: 'uuid', description: `Who replied, earliest first (at most ${THREAD_PARTICIPANTS_SHOWN}).` })
  participantIds!: string[];
}
