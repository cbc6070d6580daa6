import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PASSWORD_INPUT_MAX_LENGTH } from '../identity/identity-validation.js';

export class ResetPasswordRequest {
  @ApiPropertyOptional({ format: 'password', maxLength: PASSWORD_INPUT_MAX_LENGTH, description: 'Temporary password. Omit to have one generated and returned once.' })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX_LENGTH)
  password?: string;
}
