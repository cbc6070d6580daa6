import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { AuditAction, Audited } from '@enclave/audit';
import { AdminPageQuery, CreateInvitationRequest, InvitationListResponse, InvitationResponse, Permission } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { InvitationsService } from './invitations.service.js';

@ApiTags('admin: invitations')
@ApiBearerAuth('access-token')
@Controller('api/v1/admin/invitations')
export class InvitationsController {
  constructor(@Inject(InvitationsService) private readonly invitations: InvitationsService) {}

  @Post()
  @RequirePermission(Permission.UserInvite)
  @Audited(AuditAction.UserInvited, { target: 'invitation', targetIdFromResponse: 'id' })
  @ApiOperation({ summary: 'Invite someone by email: they get a signed link, valid INVITATION_TTL_HOURS, to choose a username and password.' })
  @ApiCreatedResponse({ type: InvitationResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateInvitationRequest): Promise<InvitationResponse> {
    return this.invitations.create(actor, body);
  }

  @Get()
  @RequirePermission(Permission.UserInvite)
  @ApiOperation({ summary: 'Invitations, newest first (cursor).' })
  @ApiOkResponse({ type: InvitationListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: AdminPageQuery): Promise<InvitationListResponse> {
    return this.invitations.list(actor, query);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.UserInvite)
  @Audited(AuditAction.UserInvitationRevoked, { target: 'invitation', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Withdraw a pending invitation; its link stops working.' })
  @ApiNoContentResponse()
  revoke(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.invitations.revoke(actor, id);
  }

  @Post(':id/resend')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.UserInvite)
  @Audited(AuditAction.UserInvitationResent, { target: 'invitation', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Send the mail of a pending invitation again.' })
  @ApiOkResponse({ type: InvitationResponse })
  resend(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<InvitationResponse> {
    return this.invitations.resend(actor, id);
  }
}
