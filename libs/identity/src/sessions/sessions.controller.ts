import { Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, SessionListResponse } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { SessionsService } from './sessions.service.js';

@ApiTags('sessions')
@ApiBearerAuth('access-token')
@Controller('api/v1/users/me/sessions')
export class SessionsController {
  constructor(@Inject(SessionsService) private readonly sessions: SessionsService) {}

  @Get()
  @RequirePermission(Permission.SessionManageOwn)
  @ApiOperation({ summary: 'Your active sessions (devices), the current one flagged.' })
  @ApiOkResponse({ type: SessionListResponse })
  list(@CurrentActor() actor: Actor): Promise<SessionListResponse> {
    return this.sessions.listOwn(actor);
  }

  @Delete(':id')
  @RequirePermission(Permission.SessionManageOwn)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out one of your sessions; its tokens stop working immediately.' })
  @ApiNoContentResponse()
  revoke(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.sessions.revokeOwn(actor, id);
  }
}
