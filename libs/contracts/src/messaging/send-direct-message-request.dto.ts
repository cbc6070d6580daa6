import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { SendMessageRequest } from './send-message-request.dto.js';

/** A message to a person: their DM is opened (created on first message) and the message sent. */
export class SendDirectMessageRequest extends SendMessageRequest {
  @ApiProperty({ format: 'uuid', description: 'The recipient; your own id writes to your notes-to-self DM.' })
  @IsUUID('all')
  userId!: string;
}
