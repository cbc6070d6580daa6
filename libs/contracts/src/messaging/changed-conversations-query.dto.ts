import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { SEQ_MAX } from './messaging-limits.js';

export class ChangedConversationsQuery {
  @ApiProperty({ minimum: 0, description: 'A user-stream cursor: conversations you were added to or removed from after it.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(SEQ_MAX)
  since!: number;
}
