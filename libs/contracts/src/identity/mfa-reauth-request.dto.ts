import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PASSWORD_INPUT_MAX_LENGTH } from './identity-validation.js';

/** Proof that the person at the keyboard is the account owner: the password or a current code. */
export class MfaReauthRequest {
  @ApiPropertyOptional({ format: 'password', maxLength: PASSWORD_INPUT_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX_LENGTH)
  password?: string;

  @ApiPropertyOptional({ example: '123456', maxLength: 32, description: 'A current authenticator code.' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  totp?: string;
}
