import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import {
  Permission,
  BrowseChannelsQuery,
  ConversationListResponse,
  ConversationResponse,
  CreateChannelRequest,
  OpenDirectRequest,
  OpenGroupRequest,
  PageQuery,
  UpdateConversationRequest,
} from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { ConversationsService } from './conversations.service.js';
import { DirectConversationsService } from './direct-conversations.service.js';

@ApiTags('conversations')
@ApiBearerAuth('access-token')
@Controller('api/v1/conversations')
export class ConversationsController {
  constructor(
    @Inject(ConversationsService) private readonly conversations: ConversationsService,
    @Inject(DirectConversationsService) private readonly direct: DirectConversationsService,
  ) {}

  @Get()
  @RequirePermission(Permission.ChannelRead)
  @ApiOperation({ summary: 'Your conversations, most recent activity first, with unread and mention counts.' })
  @ApiOkResponse({ type: ConversationListResponse })
  listMine(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<ConversationListResponse> {
    return this.conversations.listMine(actor, query);
  }

  @Get('browse')
  @RequirePermission(Permission.ChannelBrowse)
  @ApiOperation({ summary: 'Browse or search public channels by name (case-insensitive, any script).' })
  @ApiOkResponse({ type: ConversationListResponse })
  browse(@CurrentActor() actor: Actor, @Query() query: BrowseChannelsQuery): Promise<ConversationListResponse> {
    return this.conversations.browse(actor, query);
  }

  @Post('channels')
  @RequirePermission(Permission.ChannelCreatePublic, Permission.ChannelCreatePrivate)
  @ApiOperation({ summary: 'Create a public or private channel; you become its channel admin.' })
  @ApiCreatedResponse({ type: ConversationResponse })
  createChannel(@CurrentActor() actor: Actor, @Body() body: CreateChannelRequest): Promise<ConversationResponse> {
    return this.conversations.createChannel(actor, body);
  }

  @Post('direct')
  @RequirePermission(Permission.DirectMessageCreate)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Open (or create) your DM with one person; your own id opens your notes-to-self DM.' })
  @ApiOkResponse({ type: ConversationResponse })
  openDirect(@CurrentActor() actor: Actor, @Body() body: OpenDirectRequest): Promise<ConversationResponse> {
    return this.direct.openDirect(actor, body);
  }

  @Post('group')
  @RequirePermission(Permission.GroupMessageCreate)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Open (or create) the group DM of exactly these people and you (3-16 members).' })
  @ApiOkResponse({ type: ConversationResponse })
  openGroup(@CurrentActor() actor: Actor, @Body() body: OpenGroupRequest): Promise<ConversationResponse> {
    return this.direct.openGroup(actor, body);
  }

  @Get(':id')
  @RequirePermission(Permission.ChannelRead)
  @ApiOperation({ summary: 'One conversation, with your membership and unread counts. Private ones you are not in are 404.' })
  @ApiOkResponse({ type: ConversationResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<ConversationResponse> {
    return this.conversations.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.ChannelUpdate, Permission.ChannelRename)
  @ApiOperation({ summary: 'Rename a channel (channel admins) or set its topic or purpose (members).' })
  @ApiOkResponse({ type: ConversationResponse })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateConversationRequest): Promise<ConversationResponse> {
    return this.conversations.update(actor, id, body);
  }

  @Post(':id/archive')
  @RequirePermission(Permission.ChannelArchive)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Archive a channel: it becomes read-only (channel admins and administrators).' })
  @ApiOkResponse({ type: ConversationResponse })
  archive(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<ConversationResponse> {
    return this.conversations.archive(actor, id);
  }

  @Post(':id/unarchive')
  @RequirePermission(Permission.ChannelArchive)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Reopen an archived channel (channel admins and administrators).' })
  @ApiOkResponse({ type: ConversationResponse })
  unarchive(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<ConversationResponse> {
    return this.conversations.unarchive(actor, id);
  }
}

