import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PASSWORD_INPUT_MAX_LENGTH } from './identity-validation.js';

export class LoginRequest {
  @ApiProperty({ example: 'alice', maxLength: 128, description: 'Case-insensitive.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  username!: string;

  @ApiProperty({ format: 'password', maxLength: PASSWORD_INPUT_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_INPUT_MAX_LENGTH)
  password!: string;

  @ApiPropertyOptional({ example: '123456', maxLength: 32, description: 'Authenticator code when MFA is enabled; a recovery code is accepted here too.' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  totp?: string;

  @ApiPropertyOptional({ example: 'k7m3q-x9c2w', maxLength: 32, description: 'A single-use recovery code instead of `totp`.' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  recoveryCode?: string;
}
