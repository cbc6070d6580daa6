import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { AuditAction, Audited } from '@enclave/audit';
import { AdminPageQuery, Permission, CreateGroupRequest, GroupListResponse, GroupResponse, UpdateGroupRequest } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { GroupsService } from './groups.service.js';

@ApiTags('admin: groups')
@ApiBearerAuth('access-token')
@Controller('api/v1/admin/groups')
export class GroupsController {
  constructor(@Inject(GroupsService) private readonly groups: GroupsService) {}

  @Get()
  @RequirePermission(Permission.GroupRead)
  @ApiOperation({ summary: 'Groups, by name (cursor).' })
  @ApiOkResponse({ type: GroupListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: AdminPageQuery): Promise<GroupListResponse> {
    return this.groups.list(actor, query);
  }

  @Post()
  @RequirePermission(Permission.GroupManage)
  @Audited(AuditAction.GroupCreated, { target: 'group', targetIdFromResponse: 'id' })
  @ApiOperation({ summary: 'Create a group; `parentId` nests it (one level at most: GROUP_NESTING_TOO_DEEP).' })
  @ApiCreatedResponse({ type: GroupResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateGroupRequest): Promise<GroupResponse> {
    return this.groups.create(actor, body);
  }

  @Get(':id')
  @RequirePermission(Permission.GroupRead)
  @ApiOperation({ summary: 'One group with its member count and linked channels.' })
  @ApiOkResponse({ type: GroupResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<GroupResponse> {
    return this.groups.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.GroupManage)
  @Audited(AuditAction.GroupUpdated, { target: 'group', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Rename a group.' })
  @ApiOkResponse({ type: GroupResponse })
  rename(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateGroupRequest): Promise<GroupResponse> {
    return this.groups.rename(actor, id, body);
  }

  @Delete(':id')
  @RequirePermission(Permission.GroupManage)
  @Audited(AuditAction.GroupDeleted, { target: 'group', targetIdParam: 'id' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a group: its channel links are removed with the memberships only it gave, and its roles stop applying (GROUP_HAS_CHILDREN while it has child groups).' })
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.groups.delete(actor, id);
  }
}
