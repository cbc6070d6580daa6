import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { SEQ_MAX } from './messaging-limits.js';

export class MarkReadRequest {
  @ApiProperty({ minimum: 0, description: 'Everything up to and including this seq is read. Read marks never move backwards.' })
  @IsInt()
  @Min(0)
  @Max(SEQ_MAX)
  seq!: number;
}
