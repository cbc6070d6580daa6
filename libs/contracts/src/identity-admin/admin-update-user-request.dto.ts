import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { DisplayNameField, EmailField, LocaleField, TimeZoneField, trimString } from '../identity/profile-fields.js';
import { USERNAME_INPUT_MAX_LENGTH } from './identity-admin-limits.js';

/** Omitted fields stay as they are; `email: null` clears the address, `guestExpiresAt: null` makes a guest permanent. */
export class AdminUpdateUserRequest {
  @ApiPropertyOptional({ example: 'zhang.wei2', description: 'Renames the account (mentions of the old name in old messages stay as written).' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(USERNAME_INPUT_MAX_LENGTH)
  username?: string;

  @DisplayNameField()
  displayName?: string;

  @EmailField({ type: String, nullable: true })
  email?: string | null;

  @LocaleField()
  locale?: string;

  @TimeZoneField()
  timeZone?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true })
  guestExpiresAt?: string | null;
}
