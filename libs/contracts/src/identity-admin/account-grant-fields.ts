import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsUUID, Matches } from 'class-validator';
import { stacked } from '../identity/profile-fields.js';
import { MAX_GROUPS_PER_REQUEST, MAX_ROLES_PER_ASSIGNMENT, ROLE_NAME_PATTERN } from './identity-admin-limits.js';

/*
 * What an account is given when an administrator creates it or an invitation is accepted:
 * roles and groups, validated and documented once for both requests.
 */

export function RoleNamesField(description?: string): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({ type: [String], example: ['member'], maxItems: MAX_ROLES_PER_ASSIGNMENT, ...(description ? { description } : {}) }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_ROLES_PER_ASSIGNMENT),
    ArrayUnique(),
    Matches(ROLE_NAME_PATTERN, { each: true }),
  );
}

export function GroupIdsField(description?: string): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_GROUPS_PER_REQUEST, ...(description ? { description } : {}) }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_GROUPS_PER_REQUEST),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );
}
