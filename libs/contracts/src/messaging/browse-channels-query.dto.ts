import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CHANNEL_SEARCH_MATCHES, SEARCH_QUERY_MAX_LENGTH, type ChannelSearchMatch } from './messaging-limits.js';
import { HasNoNul } from './messaging-validation.js';
import { PageQuery } from './page-query.dto.js';

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class BrowseChannelsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '产品', maxLength: SEARCH_QUERY_MAX_LENGTH, description: 'Case-insensitive text to find in channel names.' })
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_QUERY_MAX_LENGTH)
  @HasNoNul()
  q?: string;

  @ApiPropertyOptional({ enum: CHANNEL_SEARCH_MATCHES, default: 'contains' })
  @IsOptional()
  @IsIn(CHANNEL_SEARCH_MATCHES)
  match?: ChannelSearchMatch;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeArchived?: boolean;
}
