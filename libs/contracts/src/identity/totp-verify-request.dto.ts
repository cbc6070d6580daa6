import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** `totp`, like the login field, so the logger's secret-field redaction covers it too. */
export class TotpVerifyRequest {
  @ApiProperty({ example: '123456', maxLength: 32, description: 'The code the authenticator shows now.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  totp!: string;
}
