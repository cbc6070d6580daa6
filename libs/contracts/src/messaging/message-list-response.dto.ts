import { ApiProperty } from '@nestjs/swagger';
import { MessageResponse } from './message-response.dto.js';

export class MessageListResponse {
  @ApiProperty({ type: () => [MessageResponse] })
  items!: MessageResponse[];
}
