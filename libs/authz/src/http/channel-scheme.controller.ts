import { Body, Controller, Delete, Get, Inject, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, PermissionSchemeResponse, UpdatePermissionSchemeRequest } from '@enclave/contracts';
import { RequirePermission } from '../guard/require-permission.decorator.js';
import { SchemeService } from '../schemes/scheme.service.js';

@ApiTags('conversations')
@ApiBearerAuth('access-token')
@Controller('api/v1/conversations/:id/permission-scheme')
export class ChannelSchemeController {
  constructor(@Inject(SchemeService) private readonly schemes: SchemeService) {}

  @Get()
  @RequirePermission(Permission.ChannelRead)
  @ApiOperation({ summary: "The scheme in force in a channel (its override or the default). Private channels you are not in are 404." })
  @ApiOkResponse({ type: PermissionSchemeResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<PermissionSchemeResponse> {
    return this.schemes.getForConversation(actor, id);
  }

  @Put()
  @RequirePermission(Permission.ChannelManageScheme)
  @ApiOperation({ summary: "Override the default scheme in this channel, e.g. an announcements channel where only channel admins post. Audited." })
  @ApiOkResponse({ type: PermissionSchemeResponse })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdatePermissionSchemeRequest): Promise<PermissionSchemeResponse> {
    return this.schemes.updateForConversation(actor, id, body);
  }

  @Delete()
  @RequirePermission(Permission.ChannelManageScheme)
  @ApiOperation({ summary: 'Drop the override: the default scheme applies again. Audited.' })
  @ApiOkResponse({ type: PermissionSchemeResponse })
  reset(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<PermissionSchemeResponse> {
    return this.schemes.resetForConversation(actor, id);
  }
}
