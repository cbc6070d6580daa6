import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PASSWORD_INPUT_MAX_LENGTH, USERNAME_MAX_LENGTH } from '../identity/identity-validation.js';
import { DisplayNameField, EmailField, LocaleField, TimeZoneField, trimString } from '../identity/profile-fields.js';
import { MAX_GROUPS_PER_REQUEST, MAX_ROLES_PER_ASSIGNMENT, ROLE_NAME_PATTERN, USERNAME_INPUT_MAX_LENGTH } from './identity-admin-limits.js';

export class AdminCreateUserRequest {
  @ApiProperty({ example: 'zhang.wei', maxLength: USERNAME_MAX_LENGTH, description: 'Stored lower-case; a-z, 0-9, ".", "_", "-".' })
  @Transform(trimString)
  @IsString()
  @MaxLength(USERNAME_INPUT_MAX_LENGTH)
  username!: string;

  @DisplayNameField({ required: true })
  displayName!: string;

  @EmailField({ example: 'zhang.wei@example.com' })
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

  @LocaleField()
  locale?: string;

  @TimeZoneField()
  timeZone?: string;
}
