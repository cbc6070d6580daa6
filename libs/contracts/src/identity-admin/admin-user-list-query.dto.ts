import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ADMIN_CURSOR_MAX_LENGTH, ADMIN_PAGE_DEFAULT_LIMIT, ADMIN_PAGE_MAX_LIMIT, ADMIN_SEARCH_MAX_LENGTH, ADMIN_USER_STATUSES, ROLE_NAME_PATTERN, type AdminUserStatus } from './identity-admin-limits.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Filters combine with AND; results are ordered by username (keyset pagination). */
export class AdminUserListQuery {
  @ApiPropertyOptional({ description: 'Matches username, display name (any script) or email, case-insensitively.', maxLength: ADMIN_SEARCH_MAX_LENGTH, example: '张' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(ADMIN_SEARCH_MAX_LENGTH)
  q?: string;

  @ApiPropertyOptional({ example: 'user_manager' })
  @IsOptional()
  @IsString()
  @Matches(ROLE_NAME_PATTERN)
  role?: string;

  @ApiPropertyOptional({ enum: ADMIN_USER_STATUSES })
  @IsOptional()
  @IsIn(ADMIN_USER_STATUSES)
  status?: AdminUserStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Direct members of this group.' })
  @IsOptional()
  @IsUUID('all')
  groupId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Last active before this time (never-active users are not included).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  lastActiveBefore?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  lastActiveAfter?: string;

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
