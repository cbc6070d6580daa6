import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PASSWORD_INPUT_MAX_LENGTH, USERNAME_MAX_LENGTH } from '../identity/identity-validation.js';
import { DisplayNameField, EmailField, LocaleField, TimeZoneField, trimString } from '../identity/profile-fields.js';
import { USERNAME_INPUT_MAX_LENGTH } from './identity-admin-limits.js';
import { GroupIdsField, RoleNamesField } from './account-grant-fields.js';

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

  @RoleNamesField()
  roles?: string[];

  @GroupIdsField()
  groupIds?: string[];

  @LocaleField()
  locale?: string;

  @TimeZoneField()
  timeZone?: string;
}
