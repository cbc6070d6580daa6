import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { CreateRoleRequest, Permission, RoleAssignmentsResponse, RoleListResponse, RoleResponse, UpdateRoleRequest } from '@enclave/contracts';
import { RequirePermission } from '../guard/require-permission.decorator.js';
import { RolesService } from '../roles/roles.service.js';

@ApiTags('admin: roles')
@ApiBearerAuth('access-token')
@Controller('api/v1/admin/roles')
export class RolesController {
  constructor(@Inject(RolesService) private readonly roles: RolesService) {}

  @Get()
  @RequirePermission(Permission.RoleRead)
  @ApiOperation({ summary: 'Every role, built-in first, with its permissions and how many users and groups hold it.' })
  @ApiOkResponse({ type: RoleListResponse })
  list(@CurrentActor() actor: Actor): Promise<RoleListResponse> {
    return this.roles.list(actor);
  }

  @Post()
  @RequirePermission(Permission.RoleManage)
  @ApiOperation({ summary: 'Define a custom role from any permissions you hold yourself. Audited.' })
  @ApiCreatedResponse({ type: RoleResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateRoleRequest): Promise<RoleResponse> {
    return this.roles.create(actor, body);
  }

  @Get(':name')
  @RequirePermission(Permission.RoleRead)
  @ApiOperation({ summary: 'One role.' })
  @ApiOkResponse({ type: RoleResponse })
  get(@CurrentActor() actor: Actor, @Param('name') name: string): Promise<RoleResponse> {
    return this.roles.get(actor, name);
  }

  @Patch(':name')
  @RequirePermission(Permission.RoleManage)
  @ApiOperation({ summary: 'Change a custom role (built-in roles are immutable). Takes effect for its holders at once. Audited.' })
  @ApiOkResponse({ type: RoleResponse })
  update(@CurrentActor() actor: Actor, @Param('name') name: string, @Body() body: UpdateRoleRequest): Promise<RoleResponse> {
    return this.roles.update(actor, name, body);
  }

  @Delete(':name')
  @RequirePermission(Permission.RoleManage)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a custom role and every grant of it. Audited.' })
  @ApiNoContentResponse()
  delete(@CurrentActor() actor: Actor, @Param('name') name: string): Promise<void> {
    return this.roles.delete(actor, name);
  }

  @Get(':name/assignments')
  @RequirePermission(Permission.RoleRead)
  @ApiOperation({ summary: 'Users (directly) and groups holding the role.' })
  @ApiOkResponse({ type: RoleAssignmentsResponse })
  assignments(@CurrentActor() actor: Actor, @Param('name') name: string): Promise<RoleAssignmentsResponse> {
    return this.roles.assignments(actor, name);
  }
}
