import { ApiProperty } from '@nestjs/swagger';
import { SessionResponse } from './session-response.dto.js';

export class SessionListResponse {
  @ApiProperty({ type: () => [SessionResponse] })
  items!: SessionResponse[];
}
