import { ApiProperty } from '@nestjs/swagger';

export class GroupMemberResponse {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ example: 'zhang.wei' })
  username!: string;

  @ApiProperty({ example: '张伟' })
  displayName!: string;

  @ApiProperty({ format: 'date-time' })
  addedAt!: string;
}

export class GroupMemberListResponse {
  @ApiProperty({ type: [GroupMemberResponse] })
  items!: GroupMemberResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
