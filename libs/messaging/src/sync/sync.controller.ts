import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, CatchUpRequest, CatchUpResponse, ChangedConversationsQuery, ChangedConversationsResponse } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { SyncService } from './sync.service.js';

@ApiTags('sync')
@ApiBearerAuth('access-token')
@Controller('api/v1/sync')
export class SyncController {
  constructor(@Inject(SyncService) private readonly sync: SyncService) {}

  @Post()
  @RequirePermission(Permission.MessageRead)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Catch up after a disconnect: missed events per conversation (in seq order, gap-free) and of your user stream.',
    description: 'Same as the WebSocket sync. `resync: true` means too much was missed: reload that conversation (or your list) and continue from latestSeq.',
  })
  @ApiOkResponse({ type: CatchUpResponse })
  catchUp(@CurrentActor() actor: Actor, @Body() body: CatchUpRequest): Promise<CatchUpResponse> {
    return this.sync.catchUp(actor, body);
  }

  @Get('conversations')
  @RequirePermission(Permission.ChannelRead)
  @ApiOperation({ summary: 'Conversations you were added to or removed from since a user-stream cursor.' })
  @ApiOkResponse({ type: ChangedConversationsResponse })
  changed(@CurrentActor() actor: Actor, @Query() query: ChangedConversationsQuery): Promise<ChangedConversationsResponse> {
    return this.sync.changedConversations(actor, query);
  }
}
