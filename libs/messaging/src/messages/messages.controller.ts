import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, EditMessageRequest, MessageResponse, MessageRevisionListResponse, ReactionRequest } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { MessageQueriesService } from './message-queries.service.js';
import { MessagesService } from './messages.service.js';
import { PinsService } from './pins.service.js';
import { ReactionsService } from './reactions.service.js';

@ApiTags('messages')
@ApiBearerAuth('access-token')
@Controller('api/v1/messages/:messageId')
export class MessagesController {
  constructor(
    @Inject(MessagesService) private readonly messages: MessagesService,
    @Inject(MessageQueriesService) private readonly queries: MessageQueriesService,
    @Inject(ReactionsService) private readonly reactions: ReactionsService,
    @Inject(PinsService) private readonly pins: PinsService,
  ) {}

  @Get()
  @RequirePermission(Permission.MessageRead)
  @ApiOperation({ summary: 'One message (a tombstone if deleted).' })
  @ApiOkResponse({ type: MessageResponse })
  get(@CurrentActor() actor: Actor, @Param('messageId', new ParseUUIDPipe()) messageId: string): Promise<MessageResponse> {
    return this.queries.get(actor, messageId);
  }

  @Patch()
  @RequirePermission(Permission.MessageEditOwn)
  @ApiOperation({ summary: 'Edit your message; the previous text is kept in its edit history.' })
  @ApiOkResponse({ type: MessageResponse })
  edit(@CurrentActor() actor: Actor, @Param('messageId', new ParseUUIDPipe()) messageId: string, @Body() body: EditMessageRequest): Promise<MessageResponse> {
    return this.messages.edit(actor, messageId, body);
  }

  @Delete()
  @RequirePermission(Permission.MessageDeleteOwn, Permission.MessageDeleteAny)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a message (author, channel admin or administrator): users see a tombstone; the original is kept for compliance.' })
  @ApiNoContentResponse()
  delete(@CurrentActor() actor: Actor, @Param('messageId', new ParseUUIDPipe()) messageId: string): Promise<void> {
    return this.messages.delete(actor, messageId);
  }

  @Get('revisions')
  @RequirePermission(Permission.MessageRead)
  @ApiOperation({ summary: 'The edit history of your own message, oldest first.' })
  @ApiOkResponse({ type: MessageRevisionListResponse })
  revisions(@CurrentActor() actor: Actor, @Param('messageId', new ParseUUIDPipe()) messageId: string): Promise<MessageRevisionListResponse> {
    return this.queries.revisions(actor, messageId);
  }

  @Post('reactions')
  @RequirePermission(Permission.MessageReact)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'React with an emoji or :shortcode: (toggle by default; add/remove are retry-safe).' })
  @ApiOkResponse({ type: MessageResponse })
  react(@CurrentActor() actor: Actor, @Param('messageId', new ParseUUIDPipe()) messageId: string, @Body() body: ReactionRequest): Promise<MessageResponse> {
    return this.reactions.react(actor, messageId, body);
  }

  @Put('pin')
  @RequirePermission(Permission.MessagePin)
  @ApiOperation({ summary: 'Pin the message in its conversation.' })
  @ApiOkResponse({ type: MessageResponse })
  pin(@CurrentActor() actor: Actor, @Param('messageId', new ParseUUIDPipe()) messageId: string): Promise<MessageResponse> {
    return this.pins.pin(actor, messageId);
  }

  @Delete('pin')
  @RequirePermission(Permission.MessagePin)
  @ApiOperation({ summary: 'Unpin the message.' })
  @ApiOkResponse({ type: MessageResponse })
  unpin(@CurrentActor() actor: Actor, @Param('messageId', new ParseUUIDPipe()) messageId: string): Promise<MessageResponse> {
    return this.pins.unpin(actor, messageId);
  }
}
