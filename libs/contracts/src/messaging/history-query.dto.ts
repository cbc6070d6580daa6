import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { HistoryPageQuery } from './history-page-query.dto.js';
import { SEQ_MAX } from './messaging-limits.js';

/**
 * Top-level messages by sequence number. No bounds: the latest `limit`. `before`/`after`
 * (exclusive) page backwards/forwards, both together give a range; `around` centres the page
 * on one message (for jumping to a search hit or a permalink).
 */
export class HistoryQuery extends HistoryPageQuery {
  @ApiPropertyOptional({ description: 'Only messages with seq < before.', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SEQ_MAX)
  before?: number;

  @ApiPropertyOptional({ description: 'Only messages with seq > after.', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(SEQ_MAX)
  after?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'A message id to centre the page on (not combinable with before/after).' })
  @IsOptional()
  @IsUUID('all')
  around?: string;
}
