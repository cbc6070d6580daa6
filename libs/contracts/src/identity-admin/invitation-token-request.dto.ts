import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { INVITATION_TOKEN_MAX_LENGTH } from './identity-admin-limits.js';

/**
 * The token travels in a request body, never in a URL: the invitation link carries it in the
 * fragment (`#token=…`), which browsers do not send and proxies do not log.
 */
export class InvitationTokenRequest {
  @ApiProperty({ maxLength: INVITATION_TOKEN_MAX_LENGTH, description: 'The `token` from the invitation link.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(INVITATION_TOKEN_MAX_LENGTH)
  token!: string;
}
