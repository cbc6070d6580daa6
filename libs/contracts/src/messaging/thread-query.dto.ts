import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { HistoryPageQuery } from './history-page-query.dto.js';
import { SEQ_MAX } from './messaging-limits.js';

export class ThreadQuery extends HistoryPageQuery {
  @ApiPropertyOptional({ description: 'Only replies with seq > after (oldest first).', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(SEQ_MAX)
  after?: number;
}
