import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PERMISSION_MAX_LENGTH, ROLE_DESCRIPTION_MAX_LENGTH, ROLE_DISPLAY_NAME_MAX_LENGTH, ROLE_MAX_PERMISSIONS } from './authz-limits.js';

/** Unknown permission names are answered with AUTHZ_UNKNOWN_PERMISSION, invalid role names with AUTHZ_ROLE_NAME_INVALID. */
export class CreateRoleRequest {
  @ApiProperty({ example: 'support_lead', description: 'Lower case a-z, 0-9, "_", "." or "-", starting with a letter or digit; never changes.' })
  @IsString()
  @MaxLength(64)
  name!: string;

  @ApiProperty({ example: 'Support lead', maxLength: ROLE_DISPLAY_NAME_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(ROLE_DISPLAY_NAME_MAX_LENGTH)
  displayName!: string;

  @ApiPropertyOptional({ maxLength: ROLE_DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(ROLE_DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiProperty({ type: [String], example: ['user.read', 'group.read'], maxItems: ROLE_MAX_PERMISSIONS })
  @IsArray()
  @ArrayMaxSize(ROLE_MAX_PERMISSIONS)
  @IsString({ each: true })
  @MaxLength(PERMISSION_MAX_LENGTH, { each: true })
  permissions!: string[];
}
