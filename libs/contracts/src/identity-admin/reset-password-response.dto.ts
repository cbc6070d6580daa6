import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ResetPasswordResponse {
  @ApiPropertyOptional({ description: 'The generated temporary password, shown only in this response. Absent when the administrator chose one.' })
  temporaryPassword?: string;

  @ApiProperty({ description: 'Sessions that were signed out.' })
  sessionsRevoked!: number;
}
