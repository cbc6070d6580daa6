import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH, IsDisplayName, IsIanaTimeZone, IsLocaleTag, LOCALE_MAX_LENGTH, TIME_ZONE_MAX_LENGTH } from './identity-validation.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Omitted fields stay as they are; `email: null` clears the address. */
export class UpdateProfileRequest {
  @ApiPropertyOptional({ example: '张伟', maxLength: DISPLAY_NAME_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  @IsDisplayName()
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'alice@example.com', maxLength: EMAIL_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
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
}
