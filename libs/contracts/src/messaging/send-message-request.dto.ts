import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CLIENT_MSG_ID_MAX_LENGTH, MESSAGE_TEXT_INPUT_MAX_LENGTH } from './messaging-limits.js';
import { HasNoNul } from './messaging-validation.js';

export class SendMessageRequest {
  @ApiProperty({
    example: '@wei 请看一下 :tada:',
    description: 'Markdown, stored as sent. At most MESSAGING_MAX_MESSAGE_LENGTH code points (default 16,000): MESSAGE_TOO_LONG otherwise.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MESSAGE_TEXT_INPUT_MAX_LENGTH)
  @HasNoNul()
  text!: string;

  @ApiPropertyOptional({
    maxLength: CLIENT_MSG_ID_MAX_LENGTH,
    example: '01J9Z3K7Q5',
    description: 'Your id for this send. A retry with the same id returns the stored message (same id and seq) instead of a duplicate.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(CLIENT_MSG_ID_MAX_LENGTH)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'clientMsgId must be letters, digits or . _ : -' })
  clientMsgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Reply in the thread of this (top-level) message.' })
  @IsOptional()
  @IsUUID('all')
  threadRootId?: string;
}
