import { ApiProperty } from '@nestjs/swagger';

export class SessionResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'True for the session making this request.' })
  current!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'User agent at sign-in.' })
  userAgent!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Client address at sign-in.' })
  ip!: string | null;

  @ApiProperty({ description: 'Signed in with a second factor.' })
  mfa!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastUsedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Ends unless refreshed before then.' })
  expiresAt!: string;
}
