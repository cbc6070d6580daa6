import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, ChangePasswordRequest, UpdateProfileRequest, UserResponse } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { AllowPendingPasswordChange } from '../auth/allow-pending-password-change.decorator.js';
import { PasswordService } from '../credentials/password.service.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth('access-token')
@Controller('api/v1/users/me')
export class UsersController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(PasswordService) private readonly passwords: PasswordService,
  ) {}

  @Get()
  @RequirePermission(Permission.ProfileReadOwn)
  @AllowPendingPasswordChange()
  @ApiOperation({ summary: 'The signed-in user.' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.getMe(actor);
  }

  @Patch()
  @RequirePermission(Permission.ProfileUpdateOwn)
  @ApiOperation({ summary: 'Update your display name, email, locale or time zone.' })
  @ApiOkResponse({ type: UserResponse })
  updateProfile(@CurrentActor() actor: Actor, @Body() body: UpdateProfileRequest): Promise<UserResponse> {
    return this.users.updateProfile(actor, body);
  }

  @Post('password')
  @RequirePermission(Permission.ProfileUpdateOwn)
  @AllowPendingPasswordChange()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Change your password. Your other sessions are signed out.' })
  @ApiNoContentResponse()
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordRequest): Promise<void> {
    return this.passwords.changePassword(actor, body);
  }
}
