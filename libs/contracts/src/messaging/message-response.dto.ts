import { ApiProperty } from '@nestjs/swagger';
import { MentionsResponse } from './mentions-response.dto.js';
import { ReactionResponse } from './reaction-response.dto.js';
import { ThreadSummaryResponse } from './thread-summary-response.dto.js';

/**
 * A message as users see it. A deleted message is a tombstone: `deleted: true`, empty text,
 * no mentions or reactions (the original is kept for compliance, never shown here).
 */
export class MessageResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  conversationId!: string;

  @ApiProperty({ description: 'Position in the conversation; strictly increasing, assigned at commit.' })
  seq!: number;

  @ApiProperty({ format: 'uuid', description: 'The author; for system messages, who caused them.' })
  senderId!: string;

  @ApiProperty({ enum: ['user', 'system'] })
  kind!: 'user' | 'system';

  @ApiProperty({ type: String, nullable: true, example: 'member_joined', description: 'For system messages: what happened.' })
  systemType!: string | null;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'For system messages: the details (user ids, old and new names...).' })
  systemData!: Record<string, unknown> | null;

  @ApiProperty({ description: 'Markdown as sent; a plain-language fallback for system messages.' })
  text!: string;

  @ApiProperty({ type: () => MentionsResponse })
  mentions!: MentionsResponse;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  threadRootId!: string | null;

  @ApiProperty({ type: () => ThreadSummaryResponse, nullable: true, description: 'Set on thread roots that have replies.' })
  thread!: ThreadSummaryResponse | null;

  @ApiProperty({ type: () => [ReactionResponse] })
  reactions!: ReactionResponse[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  pinnedAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  pinnedBy!: string | null;

  @ApiProperty()
  edited!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  editedAt!: string | null;

  @ApiProperty()
  deleted!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deletedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  clientMsgId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
