import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PASSWORD_INPUT_MAX_LENGTH } from './identity-validation.js';

export class ChangePasswordRequest {
  @ApiProperty({ format: 'password', maxLength: PASSWORD_INPUT_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_INPUT_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({ format: 'password', maxLength: PASSWORD_INPUT_MAX_LENGTH, description: 'Checked against the password policy (length, breached-password list).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_INPUT_MAX_LENGTH)
  newPassword!: string;
}
