import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, ConversationResponse, InviteMembersRequest, MemberListResponse, MembershipResponse, PageQuery, UpdateMembershipRequest } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { MembershipService } from './membership.service.js';

@ApiTags('conversation members')
@ApiBearerAuth('access-token')
@Controller('api/v1/conversations/:id')
export class MembersController {
  constructor(@Inject(MembershipService) private readonly membership: MembershipService) {}

  @Post('join')
  @RequirePermission(Permission.ChannelJoin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Join a public channel (already a member: no change).' })
  @ApiOkResponse({ type: ConversationResponse })
  join(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<ConversationResponse> {
    return this.membership.join(actor, id);
  }

  @Post('leave')
  @RequirePermission(Permission.ChannelLeave)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Leave a channel.' })
  @ApiNoContentResponse()
  leave(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.membership.leave(actor, id);
  }

  @Get('members')
  @RequirePermission(Permission.ChannelRead)
  @ApiOperation({ summary: 'Members of a conversation, by user id.' })
  @ApiOkResponse({ type: MemberListResponse })
  list(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() query: PageQuery): Promise<MemberListResponse> {
    return this.membership.listMembers(actor, id, query);
  }

  @Post('members')
  @RequirePermission(Permission.ChannelInvite)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Add people to a channel (any member may invite; existing members are skipped).' })
  @ApiOkResponse({ type: ConversationResponse })
  invite(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: InviteMembersRequest): Promise<ConversationResponse> {
    return this.membership.invite(actor, id, body);
  }

  @Delete('members/:userId')
  @RequirePermission(Permission.ChannelRemoveMember)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove someone from a channel (channel admins and administrators).' })
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<void> {
    return this.membership.remove(actor, id, userId);
  }

  @Patch('membership')
  @RequirePermission(Permission.ChannelRead)
  @ApiOperation({ summary: 'Your notification level and mute for this conversation (all your devices).' })
  @ApiOkResponse({ type: MembershipResponse })
  updateMine(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateMembershipRequest): Promise<MembershipResponse> {
    return this.membership.updateMyMembership(actor, id, body);
  }
}
