import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PERMISSION_MAX_LENGTH, ROLE_DESCRIPTION_MAX_LENGTH, ROLE_DISPLAY_NAME_MAX_LENGTH, ROLE_MAX_PERMISSIONS } from './authz-limits.js';

/** Fields left out stay as they are; `permissions` replaces the whole set. Built-in roles cannot be changed. */
export class UpdateRoleRequest {
  @ApiPropertyOptional({ maxLength: ROLE_DISPLAY_NAME_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(ROLE_DISPLAY_NAME_MAX_LENGTH)
  displayName?: string;

  @ApiPropertyOptional({ maxLength: ROLE_DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(ROLE_DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({ type: [String], maxItems: ROLE_MAX_PERMISSIONS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ROLE_MAX_PERMISSIONS)
  @IsString({ each: true })
  @MaxLength(PERMISSION_MAX_LENGTH, { each: true })
  permissions?: string[];
}
