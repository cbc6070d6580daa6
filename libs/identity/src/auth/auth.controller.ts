import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Public, type Actor } from '@enclave/core';
import { Permission, AuthTokensResponse, LoginRequest, RefreshRequest } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { SessionsService } from '../sessions/sessions.service.js';
import { AllowPendingPasswordChange } from './allow-pending-password-change.decorator.js';
import { LoginService } from './login.service.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(LoginService) private readonly login: LoginService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with username and password (and a TOTP or recovery code when MFA is on).' })
  @ApiOkResponse({ type: AuthTokensResponse })
  signIn(@CurrentActor() actor: Actor, @Body() body: LoginRequest): Promise<AuthTokensResponse> {
    return this.login.login(actor, body);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens. The old refresh token stops working.' })
  @ApiOkResponse({ type: AuthTokensResponse })
  refresh(@CurrentActor() actor: Actor, @Body() body: RefreshRequest): Promise<AuthTokensResponse> {
    return this.sessions.refresh(actor, body.refreshToken);
  }

  @Post('logout')
  @RequirePermission(Permission.SessionManageOwn)
  @AllowPendingPasswordChange()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth('access-token')
  @ApiOperation({ summary: 'End the current session.' })
  @ApiNoContentResponse()
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.sessions.logout(actor);
  }
}
