import { Body, Controller, Inject, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { AssignRolesRequest, Permission } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { RoleAssignments } from './role-assignments.js';

/** Role grants for account administration; authz checks escalation and writes the audit record. */
@ApiTags('admin: users', 'admin: groups')
@ApiBearerAuth('access-token')
@Controller('api/v1/admin')
export class AdminRolesController {
  constructor(@Inject(RoleAssignments) private readonly roles: RoleAssignments) {}

  @Put('users/:id/roles')
  @RequirePermission(Permission.UserAssignRoles)
  @ApiOperation({ summary: 'Set the roles a user holds directly (the complete set). Refused: escalation beyond your own permissions, removing the last system administrator.' })
  @ApiOkResponse({ type: AssignRolesRequest })
  async assignToUser(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: AssignRolesRequest): Promise<AssignRolesRequest> {
    return { roles: await this.roles.setUserRoles(actor, id, body.roles) };
  }

  @Put('groups/:id/roles')
  @RequirePermission(Permission.GroupAssignRoles)
  @ApiOperation({ summary: "Set the roles granted to a group (the complete set); members and child groups' members hold them." })
  @ApiOkResponse({ type: AssignRolesRequest })
  async grantToGroup(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: AssignRolesRequest): Promise<AssignRolesRequest> {
    return { roles: await this.roles.setGroupRoles(actor, id, body.roles) };
  }
}
