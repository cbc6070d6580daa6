import { ApiProperty } from '@nestjs/swagger';
import { UserResponse } from './user-response.dto.js';

export class AuthTokensResponse {
  @ApiProperty({ description: 'Bearer token for the Authorization header (JWT, short-lived).' })
  accessToken!: string;

  @ApiProperty({ description: 'Single-use token for POST /api/v1/auth/refresh. Store it securely.' })
  refreshToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires.', example: 900 })
  expiresIn!: number;

  @ApiProperty({ type: () => UserResponse })
  user!: UserResponse;
}
