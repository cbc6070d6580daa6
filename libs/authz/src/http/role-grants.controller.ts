import { Body, Controller, Delete, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { GrantRoleToGroupsRequest, GrantRoleToUsersRequest, Permission } from '@enclave/contracts';
import { RoleAssignmentService } from '../assignments/role-assignment.service.js';
import { RequirePermission } from '../guard/require-permission.decorator.js';

@ApiTags('admin: roles')
@ApiBearerAuth('access-token')
@Controller('api/v1/admin/roles/:name')
export class RoleGrantsController {
  constructor(@Inject(RoleAssignmentService) private readonly assignments: RoleAssignmentService) {}

  @Post('users')
  @RequirePermission(Permission.UserAssignRoles)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Grant the role to users (never beyond your own permissions). Audited per user with before/after.' })
  @ApiNoContentResponse()
  grantToUsers(@CurrentActor() actor: Actor, @Param('name') name: string, @Body() body: GrantRoleToUsersRequest): Promise<void> {
    return this.assignments.grantRoleToUsers(actor, name, body.userIds);
  }

  @Delete('users/:userId')
  @RequirePermission(Permission.UserAssignRoles)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Take the role from a user (the last system administrator keeps theirs). Audited.' })
  @ApiNoContentResponse()
  revokeFromUser(@CurrentActor() actor: Actor, @Param('name') name: string, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<void> {
    return this.assignments.revokeRoleFromUser(actor, name, userId);
  }

  @Post('groups')
  @RequirePermission(Permission.GroupAssignRoles)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Grant the role to groups: their members and the members of their child groups hold it. Audited.' })
  @ApiNoContentResponse()
  grantToGroups(@CurrentActor() actor: Actor, @Param('name') name: string, @Body() body: GrantRoleToGroupsRequest): Promise<void> {
    return this.assignments.grantRoleToGroups(actor, name, body.groupIds);
  }

  @Delete('groups/:groupId')
  @RequirePermission(Permission.GroupAssignRoles)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Take the role from a group. Audited.' })
  @ApiNoContentResponse()
  revokeFromGroup(@CurrentActor() actor: Actor, @Param('name') name: string, @Param('groupId', new ParseUUIDPipe()) groupId: string): Promise<void> {
    return this.assignments.revokeRoleFromGroup(actor, name, groupId);
  }
}
