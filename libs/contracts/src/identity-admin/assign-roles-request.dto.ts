import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, Matches } from 'class-validator';
import { MAX_ROLES_PER_ASSIGNMENT, ROLE_NAME_PATTERN } from './identity-admin-limits.js';

/** The complete set of roles the user or group should hold afterwards (not a delta). */
export class AssignRolesRequest {
  @ApiProperty({ type: [String], example: ['user_manager'], maxItems: MAX_ROLES_PER_ASSIGNMENT })
  @IsArray()
  @ArrayMaxSize(MAX_ROLES_PER_ASSIGNMENT)
  @ArrayUnique()
  @Matches(ROLE_NAME_PATTERN, { each: true })
  roles!: string[];
}
