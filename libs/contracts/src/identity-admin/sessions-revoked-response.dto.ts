import { ApiProperty } from '@nestjs/swagger';

export class SessionsRevokedResponse {
  @ApiProperty({ description: 'Sessions that were signed out (their sockets are disconnected on every node).' })
  sessionsRevoked!: number;
}
