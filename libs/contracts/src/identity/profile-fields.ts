import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH, IsDisplayName, IsIanaTimeZone, IsLocaleTag, LOCALE_MAX_LENGTH, TIME_ZONE_MAX_LENGTH } from './identity-validation.js';

/** class-transformer `@Transform` that trims strings and passes anything else through for the validators to reject. */
export const trimString = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/**
 * Applies `decorators` as if written one per line above the property, top to bottom
 * (TypeScript applies the bottom one first; class-validator reports in that order).
 */
export function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorator of decorators.toReversed()) decorator(target, key);
  };
}

/*
 * The profile fields shared by self-service (UpdateProfileRequest) and account administration
 * (AdminCreateUserRequest, AdminUpdateUserRequest): one place for their validation and OpenAPI.
 */

export function DisplayNameField(options: { required?: boolean; example?: string; description?: string } = {}): PropertyDecorator {
  const api = { example: options.example ?? '张伟', maxLength: DISPLAY_NAME_MAX_LENGTH, ...(options.description ? { description: options.description } : {}) };
  const presence = options.required ? [ApiProperty(api)] : [ApiPropertyOptional(api), IsOptional()];
  return stacked(...presence, Transform(trimString), IsString(), MaxLength(DISPLAY_NAME_MAX_LENGTH), IsDisplayName());
}

/** Always optional (`null` passes too, see IsOptional); `api` carries the per-endpoint example and nullability. */
export function EmailField(api: ApiPropertyOptions): PropertyDecorator {
  return stacked(ApiPropertyOptional({ ...api, maxLength: EMAIL_MAX_LENGTH }), IsOptional(), Transform(trimString), IsString(), MaxLength(EMAIL_MAX_LENGTH), IsEmail());
}

export function LocaleField(): PropertyDecorator {
  return stacked(ApiPropertyOptional({ example: 'zh-CN', maxLength: LOCALE_MAX_LENGTH }), IsOptional(), IsString(), MaxLength(LOCALE_MAX_LENGTH), IsLocaleTag());
}

export function TimeZoneField(): PropertyDecorator {
  return stacked(ApiPropertyOptional({ example: 'Asia/Shanghai', maxLength: TIME_ZONE_MAX_LENGTH }), IsOptional(), IsString(), MaxLength(TIME_ZONE_MAX_LENGTH), IsIanaTimeZone());
}
