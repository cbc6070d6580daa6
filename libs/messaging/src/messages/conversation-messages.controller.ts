import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, HistoryQuery, MessageHistoryResponse, MessageListResponse, MessageResponse, SendMessageRequest } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { MessageQueriesService } from './message-queries.service.js';
import { MessagesService } from './messages.service.js';
import { PinsService } from './pins.service.js';

@ApiTags('messages')
@ApiBearerAuth('access-token')
@Controller('api/v1/conversations/:id')
export class ConversationMessagesController {
  constructor(
    @Inject(MessagesService) private readonly messages: MessagesService,
    @Inject(MessageQueriesService) private readonly queries: MessageQueriesService,
    @Inject(PinsService) private readonly pins: PinsService,
  ) {}

  @Post('messages')
  @RequirePermission(Permission.MessageCreate)
  @ApiOperation({
    summary: 'Send a message (a thread reply with threadRootId).',
    description:
      'Answers after the message is committed, with its seq. Send a clientMsgId: a retry with the same id returns the stored message with 200 instead of 201, never a duplicate.',
  })
  @ApiCreatedResponse({ type: MessageResponse, description: 'Stored now.' })
  @ApiOkResponse({ type: MessageResponse, description: 'Stored earlier under the same clientMsgId.' })
  async send(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: SendMessageRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MessageResponse> {
    const result = await this.messages.send(actor, id, body);
    res.status(result.created ? 201 : 200);
    return result.message;
  }

  @Get('messages')
  @RequirePermission(Permission.MessageRead)
  @ApiOperation({ summary: 'Message history by seq: the latest page, before/after a seq, a range, or around a message.' })
  @ApiOkResponse({ type: MessageHistoryResponse })
  history(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() query: HistoryQuery): Promise<MessageHistoryResponse> {
    return this.queries.history(actor, id, query);
  }

  @Get('pins')
  @RequirePermission(Permission.MessageRead)
  @ApiOperation({ summary: 'Pinned messages, most recently pinned first.' })
  @ApiOkResponse({ type: MessageListResponse })
  listPins(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<MessageListResponse> {
    return this.pins.list(actor, id);
  }
}
