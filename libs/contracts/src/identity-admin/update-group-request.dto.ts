import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDisplayName } from '../identity/identity-validation.js';
import { GROUP_DISPLAY_NAME_MAX_LENGTH, GROUP_NAME_MAX_LENGTH } from './identity-admin-limits.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Rename a group; omitted fields stay as they are. */
export class UpdateGroupRequest {
  @ApiPropertyOptional({ example: 'rnd', maxLength: GROUP_NAME_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(GROUP_NAME_MAX_LENGTH)
  @IsDisplayName()
  name?: string;

  @ApiPropertyOptional({ example: '研发中心', maxLength: GROUP_DISPLAY_NAME_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(GROUP_DISPLAY_NAME_MAX_LENGTH)
  displayName?: string;
}
