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

  @ApiProperty({
    description:
      'True after an administrator reset the password: until POST /api/v1/users/me/password succeeds, every other request ' +
      'is refused with 403 AUTH_PASSWORD_CHANGE_REQUIRED (GET /api/v1/users/me and logout still work). Show the change-password form.',
  })
  passwordChangeRequired!: boolean;
}
