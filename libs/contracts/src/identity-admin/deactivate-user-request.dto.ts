import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class DeactivateUserRequest {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Kept in the audit trail.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
