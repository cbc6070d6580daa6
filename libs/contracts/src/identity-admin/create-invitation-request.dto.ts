import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH, IsDisplayName } from '../identity/identity-validation.js';
import { MAX_GROUPS_PER_REQUEST, MAX_ROLES_PER_ASSIGNMENT, ROLE_NAME_PATTERN } from './identity-admin-limits.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateInvitationRequest {
  @ApiProperty({ example: 'li.na@example.com', maxLength: EMAIL_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail()
  email!: string;

  @ApiPropertyOptional({ example: '李娜', maxLength: DISPLAY_NAME_MAX_LENGTH, description: 'Suggested display name; the invitee may change it when accepting.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  @IsDisplayName()
  displayName?: string;

  @ApiPropertyOptional({ type: [String], example: ['member'], maxItems: MAX_ROLES_PER_ASSIGNMENT, description: 'Roles the account gets when the invitation is accepted.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROLES_PER_ASSIGNMENT)
  @ArrayUnique()
  @Matches(ROLE_NAME_PATTERN, { each: true })
  roles?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_GROUPS_PER_REQUEST, description: 'Groups the account joins when the invitation is accepted.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GROUPS_PER_REQUEST)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  groupIds?: string[];
}
