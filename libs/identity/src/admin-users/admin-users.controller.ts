import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { AuditAction, Audited } from '@enclave/audit';
import { AdminCreateUserRequest, Permission, AdminUpdateUserRequest, AdminUserListQuery, AdminUserListResponse, AdminUserResponse } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { AdminUsersService } from './admin-users.service.js';

@ApiTags('admin: users')
@ApiBearerAuth('access-token')
@Controller('api/v1/admin/users')
export class AdminUsersController {
  constructor(@Inject(AdminUsersService) private readonly users: AdminUsersService) {}

  @Get()
  @RequirePermission(Permission.UserRead)
  @ApiOperation({ summary: 'Search users (username, display name, email) with filters; ordered by username (cursor).' })
  @ApiOkResponse({ type: AdminUserListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: AdminUserListQuery): Promise<AdminUserListResponse> {
    return this.users.list(actor, query);
  }

  @Post()
  @RequirePermission(Permission.UserCreate)
  @Audited(AuditAction.UserCreated, { target: 'user', targetIdFromResponse: 'id' })
  @ApiOperation({ summary: 'Create an account (optionally with a first password the user must change, roles and groups).' })
  @ApiCreatedResponse({ type: AdminUserResponse })
  create(@CurrentActor() actor: Actor, @Body() body: AdminCreateUserRequest): Promise<AdminUserResponse> {
    return this.users.create(actor, body);
  }

  @Get(':id')
  @RequirePermission(Permission.UserRead)
  @ApiOperation({ summary: 'One user, with lifecycle state and groups.' })
  @ApiOkResponse({ type: AdminUserResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<AdminUserResponse> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.UserUpdate)
  @Audited(AuditAction.UserUpdated, { target: 'user', targetIdParam: 'id' })
  @ApiOperation({ summary: "Edit a user's profile (username, display name, email, locale, time zone, guest expiry)." })
  @ApiOkResponse({ type: AdminUserResponse })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: AdminUpdateUserRequest): Promise<AdminUserResponse> {
    return this.users.update(actor, id, body);
  }
}
