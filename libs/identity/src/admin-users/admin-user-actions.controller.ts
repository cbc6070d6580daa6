import { Body, Controller, Delete, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { AuditAction, Audited } from '@enclave/audit';
import { AdminUserResponse, Permission, DeactivateUserRequest, EraseUserRequest, ResetPasswordRequest, ResetPasswordResponse, SessionsRevokedResponse } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { AccountAccessService } from './account-access.service.js';
import { UserLifecycleService } from './user-lifecycle.service.js';

@ApiTags('admin: users')
@ApiBearerAuth('access-token')
@Controller('api/v1/admin/users/:id')
export class AdminUserActionsController {
  constructor(
    @Inject(UserLifecycleService) private readonly lifecycle: UserLifecycleService,
    @Inject(AccountAccessService) private readonly access: AccountAccessService,
  ) {}

  @Post('deactivate')
  @RequirePermission(Permission.UserDeactivate)
  @HttpCode(HttpStatus.OK)
  @Audited(AuditAction.UserDeactivated, { target: 'user', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Deactivate: every session ends and every socket closes (all nodes, within a second); the seat is freed; messages stay.' })
  @ApiOkResponse({ type: AdminUserResponse })
  deactivate(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: DeactivateUserRequest): Promise<AdminUserResponse> {
    return this.lifecycle.deactivate(actor, id, body);
  }

  @Post('reactivate')
  @RequirePermission(Permission.UserDeactivate)
  @HttpCode(HttpStatus.OK)
  @Audited(AuditAction.UserReactivated, { target: 'user', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Re-enable sign-in (old sessions stay revoked). The only way back from an administrator\'s deactivation.' })
  @ApiOkResponse({ type: AdminUserResponse })
  reactivate(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<AdminUserResponse> {
    return this.lifecycle.reactivate(actor, id);
  }

  @Delete()
  @RequirePermission(Permission.UserDelete)
  @Audited(AuditAction.UserErased, { target: 'user', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Erasure request: pseudonymise the account (messages stay, shown under the pseudonym). `reason` is required.' })
  @ApiOkResponse({ type: AdminUserResponse })
  erase(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: EraseUserRequest): Promise<AdminUserResponse> {
    return this.lifecycle.erase(actor, id, body);
  }

  @Post('password-reset')
  @RequirePermission(Permission.UserResetPassword)
  @HttpCode(HttpStatus.OK)
  @Audited(AuditAction.UserPasswordReset, { target: 'user', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Set a temporary password (generated when omitted, returned once); sessions end; the user must change it at next sign-in.' })
  @ApiOkResponse({ type: ResetPasswordResponse })
  resetPassword(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: ResetPasswordRequest): Promise<ResetPasswordResponse> {
    return this.access.resetPassword(actor, id, body);
  }

  @Post('mfa-reset')
  @RequirePermission(Permission.UserResetMfa)
  @HttpCode(HttpStatus.NO_CONTENT)
  @Audited(AuditAction.UserMfaReset, { target: 'user', targetIdParam: 'id' })
  @ApiOperation({ summary: "Remove the user's authenticator and recovery codes (they can enrol again)." })
  @ApiNoContentResponse()
  resetMfa(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.access.resetMfa(actor, id);
  }

  @Delete('sessions')
  @RequirePermission(Permission.UserForceLogout)
  @Audited(AuditAction.UserSessionsRevoked, { target: 'user', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Sign the user out everywhere: refresh tokens stop working and sockets close on every node.' })
  @ApiOkResponse({ type: SessionsRevokedResponse })
  revokeSessions(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<SessionsRevokedResponse> {
    return this.access.revokeSessions(actor, id);
  }
}
