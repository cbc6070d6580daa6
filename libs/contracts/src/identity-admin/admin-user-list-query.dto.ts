import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { trimString } from '../identity/profile-fields.js';
import { AdminPageQuery } from './admin-page-query.dto.js';
import { ADMIN_SEARCH_MAX_LENGTH, ADMIN_USER_STATUSES, ROLE_NAME_PATTERN, type AdminUserStatus } from './identity-admin-limits.js';

/** Filters combine with AND; results are ordered by username (keyset pagination: `cursor`, `limit` from AdminPageQuery). */
export class AdminUserListQuery extends AdminPageQuery {
  @ApiPropertyOptional({ description: 'Matches username, display name (any script) or email, case-insensitively.', maxLength: ADMIN_SEARCH_MAX_LENGTH, example: '张' })
  @IsOptional()
  @Transform(trimString)
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
}
