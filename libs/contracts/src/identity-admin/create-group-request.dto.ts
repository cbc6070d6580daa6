import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDisplayName } from '../identity/identity-validation.js';
import { GROUP_DISPLAY_NAME_MAX_LENGTH, GROUP_NAME_MAX_LENGTH } from './identity-admin-limits.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateGroupRequest {
  @ApiProperty({ example: 'engineering', maxLength: GROUP_NAME_MAX_LENGTH, description: 'Unique, case-insensitively.' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(GROUP_NAME_MAX_LENGTH)
  @IsDisplayName()
  name!: string;

  @ApiProperty({ example: '研发部', maxLength: GROUP_DISPLAY_NAME_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(GROUP_DISPLAY_NAME_MAX_LENGTH)
  displayName!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Parent group. Groups nest one level deep: the parent must not have a parent itself.' })
  @IsOptional()
  @IsUUID('all')
  parentId?: string;
}
