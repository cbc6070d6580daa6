import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { DISPLAY_NAME_MAX_LENGTH, IsDisplayName, PASSWORD_INPUT_MAX_LENGTH } from '../identity/identity-validation.js';
import { INVITATION_TOKEN_MAX_LENGTH, USERNAME_INPUT_MAX_LENGTH } from './identity-admin-limits.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class AcceptInvitationRequest {
  @ApiProperty({ maxLength: INVITATION_TOKEN_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(INVITATION_TOKEN_MAX_LENGTH)
  token!: string;

  @ApiProperty({ example: 'li.na' })
  @Transform(trim)
  @IsString()
  @MaxLength(USERNAME_INPUT_MAX_LENGTH)
  username!: string;

  @ApiProperty({ format: 'password', maxLength: PASSWORD_INPUT_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_INPUT_MAX_LENGTH)
  password!: string;

  @ApiPropertyOptional({ example: '李娜', maxLength: DISPLAY_NAME_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  @IsDisplayName()
  displayName?: string;
}
