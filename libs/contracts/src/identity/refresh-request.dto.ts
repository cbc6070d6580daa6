import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RefreshRequest {
  @ApiProperty({ description: 'The refresh token from the last login or refresh. Single use: the response carries its successor.', maxLength: 256 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  refreshToken!: string;
}
