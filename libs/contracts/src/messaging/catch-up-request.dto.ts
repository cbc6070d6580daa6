import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { SEQ_MAX, SYNC_MAX_CONVERSATIONS } from './messaging-limits.js';
import { IsSeqMap } from './messaging-validation.js';

export class CatchUpRequest {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    example: { '0b6f6a1e-4c1e-4d57-9a53-2f6a3b9c1d20': 1042 },
    description: `The last seq you saw, per conversation (at most ${SYNC_MAX_CONVERSATIONS}).`,
  })
  @IsSeqMap(SYNC_MAX_CONVERSATIONS)
  conversations!: Record<string, number>;

  @ApiPropertyOptional({ minimum: 0, description: 'The last seq of your user stream you saw; omit to skip it.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SEQ_MAX)
  userCursor?: number;
}
