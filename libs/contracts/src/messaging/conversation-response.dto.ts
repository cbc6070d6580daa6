import { ApiProperty } from '@nestjs/swagger';
import { CONVERSATION_KINDS, type ConversationKind } from './messaging-limits.js';
import { MembershipResponse } from './membership-response.dto.js';

export class ConversationResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CONVERSATION_KINDS })
  kind!: ConversationKind;

  @ApiProperty({ type: String, nullable: true, example: '产品讨论', description: 'Null for DMs and group DMs.' })
  name!: string | null;

  @ApiProperty()
  topic!: string;

  @ApiProperty()
  purpose!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdBy!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ description: 'Archived conversations are read-only.' })
  archived!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  archivedAt!: string | null;

  @ApiProperty({ description: 'The latest event seq of the conversation (messages, edits, reactions, membership...).' })
  lastSeq!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastMessageAt!: string | null;

  @ApiProperty()
  memberCount!: number;

  @ApiProperty({ type: [String], format: 'uuid', nullable: true, description: 'Members of a DM or group DM; null for channels (see /members).' })
  memberIds!: string[] | null;

  @ApiProperty({ type: () => MembershipResponse, nullable: true, description: 'Your membership; null when you are not a member.' })
  membership!: MembershipResponse | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Unread top-level messages (capped at 1000); null when you are not a member.' })
  unreadCount!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Unread messages mentioning you, @channel or @here (capped at 1000).' })
  mentionCount!: number | null;
}
