import { ApiProperty } from '@nestjs/swagger';

export class GroupResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'engineering' })
  name!: string;

  @ApiProperty({ example: '研发部' })
  displayName!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId!: string | null;

  @ApiProperty({ description: 'Direct members.' })
  memberCount!: number;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Channels whose membership follows this group.' })
  channelIds!: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class GroupListResponse {
  @ApiProperty({ type: [GroupResponse] })
  items!: GroupResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
