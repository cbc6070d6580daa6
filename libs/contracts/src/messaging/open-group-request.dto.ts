import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { GROUP_DM_MAX_MEMBERS } from './messaging-limits.js';

export class OpenGroupRequest {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: GROUP_DM_MAX_MEMBERS,
    description: 'The other members (you are added if absent). A group DM has 3-16 members; the same set always opens the same conversation.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GROUP_DM_MAX_MEMBERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds!: string[];
}
