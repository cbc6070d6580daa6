import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Public, type Actor } from '@enclave/core';
import { AuditAction, Audited } from '@enclave/audit';
import { AcceptInvitationRequest, InvitationPreviewResponse, InvitationTokenRequest, UserResponse } from '@enclave/contracts';
import { InvitationAcceptService } from './invitation-accept.service.js';

/** The invitee's routes. Public: the signed token is the credential, sent in the body (never a URL). */
@ApiTags('invitations')
@Controller('api/v1/invitations')
export class InvitationAcceptController {
  constructor(@Inject(InvitationAcceptService) private readonly invitations: InvitationAcceptService) {}

  @Public()
  @Post('lookup')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'What an invitation link is for (email, suggested name, expiry). INVITATION_INVALID / INVITATION_EXPIRED otherwise.' })
  @ApiOkResponse({ type: InvitationPreviewResponse })
  lookup(@Body() body: InvitationTokenRequest): Promise<InvitationPreviewResponse> {
    return this.invitations.preview(body.token);
  }

  @Public()
  @Post('accept')
  @Audited(AuditAction.UserInvitationAccepted, { target: 'invitation' })
  @ApiOperation({ summary: 'Accept an invitation: choose a username and password; the account is created. Then sign in.' })
  @ApiCreatedResponse({ type: UserResponse })
  accept(@CurrentActor() actor: Actor, @Body() body: AcceptInvitationRequest): Promise<UserResponse> {
    return this.invitations.accept(actor, body);
  }
}
