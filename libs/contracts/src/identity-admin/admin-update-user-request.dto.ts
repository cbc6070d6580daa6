import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsISO8601, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH, IsDisplayName, IsIanaTimeZone, IsLocaleTag, LOCALE_MAX_LENGTH, TIME_ZONE_MAX_LENGTH } from '../identity/identity-validation.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Omitted fields stay as they are; `email: null` clears the address, `guestExpiresAt: null` makes a guest permanent. */
export class AdminUpdateUserRequest {
  @ApiPropertyOptional({ example: 'zhang.wei2', description: 'Renames the account (mentions of the old name in old messages stay as written).' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(128)
  username?: string;

  @ApiPropertyOptional({ example: '张伟', maxLength: DISPLAY_NAME_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  @IsDisplayName()
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: EMAIL_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail()
  email?: string | null;

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

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true })
  guestExpiresAt?: string | null;
}
