import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, MarkReadRequest, PageQuery, ThreadFollowResponse, ThreadInboxResponse, ThreadQuery, ThreadResponse } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { ThreadsService } from './threads.service.js';

@ApiTags('threads')
@ApiBearerAuth('access-token')
@Controller('api/v1/threads')
export class ThreadsController {
  constructor(@Inject(ThreadsService) private readonly threads: ThreadsService) {}

  @Get()
  @RequirePermission(Permission.MessageRead)
  @ApiOperation({ summary: 'Your thread inbox: followed threads, latest reply first, with unread replies.' })
  @ApiOkResponse({ type: ThreadInboxResponse })
  inbox(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<ThreadInboxResponse> {
    return this.threads.inbox(actor, query);
  }

  @Get(':rootId')
  @RequirePermission(Permission.MessageRead)
  @ApiOperation({ summary: 'A thread: its root and replies (oldest first). Reply with POST /conversations/{id}/messages and threadRootId.' })
  @ApiOkResponse({ type: ThreadResponse })
  get(@CurrentActor() actor: Actor, @Param('rootId', new ParseUUIDPipe()) rootId: string, @Query() query: ThreadQuery): Promise<ThreadResponse> {
    return this.threads.getThread(actor, rootId, query);
  }

  @Put(':rootId/follow')
  @RequirePermission(Permission.ThreadFollow)
  @ApiOperation({ summary: 'Follow a thread (posting in it or being mentioned follows it automatically).' })
  @ApiOkResponse({ type: ThreadFollowResponse })
  follow(@CurrentActor() actor: Actor, @Param('rootId', new ParseUUIDPipe()) rootId: string): Promise<ThreadFollowResponse> {
    return this.threads.follow(actor, rootId);
  }

  @Delete(':rootId/follow')
  @RequirePermission(Permission.ThreadFollow)
  @ApiOperation({ summary: 'Unfollow a thread; a later mention or your own reply follows it again.' })
  @ApiOkResponse({ type: ThreadFollowResponse })
  unfollow(@CurrentActor() actor: Actor, @Param('rootId', new ParseUUIDPipe()) rootId: string): Promise<ThreadFollowResponse> {
    return this.threads.unfollow(actor, rootId);
  }

  @Post(':rootId/read')
  @RequirePermission(Permission.MessageReadState)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark a thread read up to a reply seq (never moves backwards).' })
  @ApiOkResponse({ type: ThreadFollowResponse })
  markRead(@CurrentActor() actor: Actor, @Param('rootId', new ParseUUIDPipe()) rootId: string, @Body() body: MarkReadRequest): Promise<ThreadFollowResponse> {
    return this.threads.markRead(actor, rootId, body);
  }
}
