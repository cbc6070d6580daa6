import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { INVITE_MAX_USERS } from './messaging-limits.js';

export class InviteMembersRequest {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: INVITE_MAX_USERS, description: 'Users to add; existing members are skipped.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INVITE_MAX_USERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds!: string[];
}
