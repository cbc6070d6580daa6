import { ApiProperty } from '@nestjs/swagger';
import { SPECIAL_MENTIONS, type SpecialMention } from './messaging-limits.js';

export class MentionsResponse {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Users mentioned by @username.' })
  userIds!: string[];

  @ApiProperty({ type: [String], description: '@names that matched no user (user groups arrive later), lower-case.' })
  unresolved!: string[];

  @ApiProperty({ enum: SPECIAL_MENTIONS, nullable: true, description: '@channel (or @all) or @here.' })
  special!: SpecialMention | null;
}
