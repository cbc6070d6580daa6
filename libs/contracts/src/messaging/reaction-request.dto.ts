import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { EMOJI_INPUT_MAX_LENGTH, REACTION_ACTIONS, type ReactionAction } from './messaging-limits.js';

export class ReactionRequest {
  @ApiProperty({ example: ':+1:', maxLength: EMOJI_INPUT_MAX_LENGTH, description: 'A Unicode emoji (👍) or a :shortcode: (:+1: is stored as 👍).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(EMOJI_INPUT_MAX_LENGTH)
  emoji!: string;

  @ApiPropertyOptional({ enum: REACTION_ACTIONS, default: 'toggle', description: 'Use add/remove for retry-safe calls; toggle flips your reaction.' })
  @IsOptional()
  @IsIn(REACTION_ACTIONS)
  action?: ReactionAction;
}
