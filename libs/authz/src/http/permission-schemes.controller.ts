import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, PermissionSchemeResponse, UpdatePermissionSchemeRequest } from '@enclave/contracts';
import { RequirePermission } from '../guard/require-permission.decorator.js';
import { SchemeService } from '../schemes/scheme.service.js';

@ApiTags('admin: permission schemes')
@ApiBearerAuth('access-token')
@Controller('api/v1/admin/permission-schemes/default')
export class PermissionSchemesController {
  constructor(@Inject(SchemeService) private readonly schemes: SchemeService) {}

  @Get()
  @RequirePermission(Permission.SchemeManage, Permission.RoleRead)
  @ApiOperation({ summary: 'The system default scheme: what channel members and channel admins may do unless a channel overrides it.' })
  @ApiOkResponse({ type: PermissionSchemeResponse })
  get(@CurrentActor() actor: Actor): Promise<PermissionSchemeResponse> {
    return this.schemes.getDefault(actor);
  }

  @Put()
  @RequirePermission(Permission.SchemeManage)
  @ApiOperation({ summary: 'Replace the default scheme (channel-scoped permissions only). Applies at once to every channel without an override. Audited.' })
  @ApiOkResponse({ type: PermissionSchemeResponse })
  update(@CurrentActor() actor: Actor, @Body() body: UpdatePermissionSchemeRequest): Promise<PermissionSchemeResponse> {
    return this.schemes.updateDefault(actor, body);
  }
}
