import { ApiProperty } from '@nestjs/swagger';
import { USER_EVENT_TYPES, type UserEventType } from './messaging-events.js';

/** One entry of your per-user event stream (read marks, membership, thread inbox...). */
export class UserEventResponse {
  @ApiProperty({ description: 'Your user-stream cursor after this event.' })
  seq!: number;

  @ApiProperty({ enum: USER_EVENT_TYPES })
  type!: UserEventType;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'See UserEventPayloads in @enclave/contracts.' })
  payload!: unknown;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
