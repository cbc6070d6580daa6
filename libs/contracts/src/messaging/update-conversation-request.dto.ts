import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CHANNEL_NAME_MAX_LENGTH, PURPOSE_MAX_LENGTH, TOPIC_MAX_LENGTH } from './messaging-limits.js';
import { IsChannelName, IsSingleLineText, normaliseChannelName } from './messaging-validation.js';

const channelName = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? normaliseChannelName(value) : value);

/** Omitted fields stay as they are. Renaming needs channel admin; topic and purpose any member. */
export class UpdateConversationRequest {
  @ApiPropertyOptional({ example: 'product-launch', maxLength: CHANNEL_NAME_MAX_LENGTH })
  @IsOptional()
  @Transform(channelName)
  @IsString()
  @MaxLength(CHANNEL_NAME_MAX_LENGTH * 2)
  @IsChannelName()
  name?: string;

  @ApiPropertyOptional({ maxLength: TOPIC_MAX_LENGTH, description: 'Empty string clears it.' })
  @IsOptional()
  @IsString()
  @MaxLength(TOPIC_MAX_LENGTH)
  @IsSingleLineText()
  topic?: string;

  @ApiPropertyOptional({ maxLength: PURPOSE_MAX_LENGTH, description: 'Empty string clears it.' })
  @IsOptional()
  @IsString()
  @MaxLength(PURPOSE_MAX_LENGTH)
  @IsSingleLineText()
  purpose?: string;
}
