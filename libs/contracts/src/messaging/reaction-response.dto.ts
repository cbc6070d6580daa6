import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REACTION_USERS_SHOWN } from './messaging-limits.js';

export class ReactionResponse {
  @ApiProperty({ example: '👍', description: 'A Unicode emoji, or a :shortcode: of a custom emoji.' })
  emoji!: string;

  @ApiProperty()
  count!: number;

  @ApiProperty({ type: [String], format: 'uuid', description: `Who reacted, earliest first (at most ${REACTION_USERS_SHOWN}).` })
  userIds!: string[];

  @ApiPropertyOptional({ description: 'Whether you reacted with this emoji (per-user responses only; absent in broadcast events).' })
  me?: boolean;
}
