import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  DISPLAY_NAME_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  IsDisplayName,
  IsIanaTimeZone,
  IsLocaleTag,
  LOCALE_MAX_LENGTH,
  PASSWORD_INPUT_MAX_LENGTH,
  TIME_ZONE_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
} from '../identity/identity-validation.js';
import { MAX_GROUPS_PER_REQUEST, MAX_ROLES_PER_ASSIGNMENT, ROLE_NAME_PATTERN } from './identity-admin-limits.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class AdminCreateUserRequest {
  @ApiProperty({ example: 'zhang.wei', maxLength: USERNAME_MAX_LENGTH, description: 'Stored lower-case; a-z, 0-9, ".", "_", "-".' })
  @Transform(trim)
  @IsString()
  @MaxLength(128)
  username!: string;

  @ApiProperty({ example: '张伟', maxLength: DISPLAY_NAME_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  @IsDisplayName()
  displayName!: string;

  @ApiPropertyOptional({ example: 'zhang.wei@example.com', maxLength: EMAIL_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ format: 'password', maxLength: PASSWORD_INPUT_MAX_LENGTH, description: 'Initial password. Omit for accounts that sign in through SSO or get one by password reset.' })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX_LENGTH)
  password?: string;

  @ApiPropertyOptional({ default: true, description: 'With a password: the user must change it at first sign-in.' })
  @IsOptional()
  @IsBoolean()
  mustChangePassword?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['member'], maxItems: MAX_ROLES_PER_ASSIGNMENT })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROLES_PER_ASSIGNMENT)
  @ArrayUnique()
  @Matches(ROLE_NAME_PATTERN, { each: true })
  roles?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_GROUPS_PER_REQUEST })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GROUPS_PER_REQUEST)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  groupIds?: string[];

  @ApiPropertyOptional({ example: 'zh-CN', maxLength: LOCALE_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(LOCALE_MAX_LENGTH)
  @IsLocaleTag()
  locale?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', maxLength: TIME_ZONE_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(TIME_ZONE_MAX_LENGTH)
  @IsIanaTimeZone()
  timeZone?: string;
}
