import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MESSAGE_TEXT_INPUT_MAX_LENGTH } from './messaging-limits.js';
import { HasNoNul } from './messaging-validation.js';

export class EditMessageRequest {
  @ApiProperty({ description: 'The new Markdown text. The previous text is kept in the revision history.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MESSAGE_TEXT_INPUT_MAX_LENGTH)
  @HasNoNul()
  text!: string;
}
