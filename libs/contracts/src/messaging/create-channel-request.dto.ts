import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CHANNEL_NAME_MAX_LENGTH, CHANNEL_VISIBILITIES, INVITE_MAX_USERS, PURPOSE_MAX_LENGTH, TOPIC_MAX_LENGTH, type ChannelVisibility } from './messaging-limits.js';
import { IsChannelName, IsSingleLineText, normaliseChannelName } from './messaging-validation.js';

const channelName = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? normaliseChannelName(value) : value);

export class CreateChannelRequest {
  @ApiProperty({ example: '产品讨论', maxLength: CHANNEL_NAME_MAX_LENGTH, description: 'Unique among channels, case-insensitively. Any script.' })
  @Transform(channelName)
  @IsString()
  @MaxLength(CHANNEL_NAME_MAX_LENGTH * 2)
  @IsChannelName()
  name!: string;

  @ApiProperty({ enum: CHANNEL_VISIBILITIES, description: 'Public channels can be found and joined by anyone; private ones are invisible to non-members.' })
  @IsIn(CHANNEL_VISIBILITIES)
  visibility!: ChannelVisibility;

  @ApiPropertyOptional({ maxLength: TOPIC_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(TOPIC_MAX_LENGTH)
  @IsSingleLineText()
  topic?: string;

  @ApiPropertyOptional({ maxLength: PURPOSE_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(PURPOSE_MAX_LENGTH)
  @IsSingleLineText()
  purpose?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: INVITE_MAX_USERS, description: 'Users added as members; the creator is always the channel admin.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INVITE_MAX_USERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds?: string[];
}
