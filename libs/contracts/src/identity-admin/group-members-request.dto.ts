import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { GROUP_MEMBERS_MAX_PER_REQUEST } from './identity-admin-limits.js';

export class GroupMembersRequest {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: GROUP_MEMBERS_MAX_PER_REQUEST, description: 'Users to add; existing members are skipped.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GROUP_MEMBERS_MAX_PER_REQUEST)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds!: string[];
}
