import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ADMIN_CURSOR_MAX_LENGTH, ADMIN_PAGE_DEFAULT_LIMIT, ADMIN_PAGE_MAX_LIMIT } from './identity-admin-limits.js';

/** Cursor pagination of admin lists: pass back `nextCursor` from the previous page. */
export class AdminPageQuery {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page.', maxLength: ADMIN_CURSOR_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(ADMIN_CURSOR_MAX_LENGTH)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: ADMIN_PAGE_MAX_LIMIT, default: ADMIN_PAGE_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ADMIN_PAGE_MAX_LIMIT)
  limit?: number;
}
