import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { HISTORY_DEFAULT_LIMIT, HISTORY_MAX_LIMIT } from './messaging-limits.js';

/** The page size shared by seq-ordered message lists (history, thread replies). */
export class HistoryPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: HISTORY_MAX_LIMIT, default: HISTORY_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(HISTORY_MAX_LIMIT)
  limit?: number;
}
