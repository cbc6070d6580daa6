import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { ROLE_ASSIGNMENT_MAX_SUBJECTS } from './authz-limits.js';

/** Grants a role to these users (those already holding it are skipped). */
export class GrantRoleToUsersRequest {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: ROLE_ASSIGNMENT_MAX_SUBJECTS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLE_ASSIGNMENT_MAX_SUBJECTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds!: string[];
}

/** Grants a role to these groups: their members (and members of their child groups) hold it. */
export class GrantRoleToGroupsRequest {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: ROLE_ASSIGNMENT_MAX_SUBJECTS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLE_ASSIGNMENT_MAX_SUBJECTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  groupIds!: string[];
}
