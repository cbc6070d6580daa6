import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { AuditAction, Audited } from '@enclave/audit';
import { AdminPageQuery, Permission, GroupMemberListResponse, GroupMembersRequest, GroupResponse, LinkChannelRequest } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { GroupsService } from './groups.service.js';

@ApiTags('admin: groups')
@ApiBearerAuth('access-token')
@Controller('api/v1/admin/groups/:id')
export class GroupMembersController {
  constructor(@Inject(GroupsService) private readonly groups: GroupsService) {}

  @Get('members')
  @RequirePermission(Permission.GroupRead)
  @ApiOperation({ summary: 'Direct members of a group (cursor).' })
  @ApiOkResponse({ type: GroupMemberListResponse })
  members(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() query: AdminPageQuery): Promise<GroupMemberListResponse> {
    return this.groups.listMembers(actor, id, query);
  }

  @Post('members')
  @RequirePermission(Permission.GroupManage)
  @HttpCode(HttpStatus.OK)
  @Audited(AuditAction.GroupMembersAdded, { target: 'group', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Add users to a group; they join the channels linked to it (and to its parent).' })
  @ApiOkResponse({ type: GroupResponse })
  addMembers(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: GroupMembersRequest): Promise<GroupResponse> {
    return this.groups.addMembers(actor, id, body);
  }

  @Delete('members/:userId')
  @RequirePermission(Permission.GroupManage)
  @HttpCode(HttpStatus.NO_CONTENT)
  @Audited(AuditAction.GroupMemberRemoved, { target: 'group', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Remove a user from a group, and from the channels only groups gave them.' })
  @ApiNoContentResponse()
  removeMember(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<void> {
    return this.groups.removeMember(actor, id, userId);
  }

  @Post('channels')
  @RequirePermission(Permission.GroupManage)
  @HttpCode(HttpStatus.OK)
  @Audited(AuditAction.GroupChannelLinked, { target: 'group', targetIdParam: 'id' })
  @ApiOperation({ summary: "Add a group to a channel: its members (and its child groups') join, and membership follows the group from now on." })
  @ApiOkResponse({ type: GroupResponse })
  linkChannel(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: LinkChannelRequest): Promise<GroupResponse> {
    return this.groups.linkChannel(actor, id, body);
  }

  @Delete('channels/:conversationId')
  @RequirePermission(Permission.GroupManage)
  @HttpCode(HttpStatus.NO_CONTENT)
  @Audited(AuditAction.GroupChannelUnlinked, { target: 'group', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Remove a group from a channel; members only the group brought in leave it.' })
  @ApiNoContentResponse()
  unlinkChannel(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('conversationId', new ParseUUIDPipe()) conversationId: string,
  ): Promise<void> {
    return this.groups.unlinkChannel(actor, id, conversationId);
  }
}
