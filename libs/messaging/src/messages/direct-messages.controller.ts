import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, MessageResponse, SendDirectMessageRequest } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { MessagesService } from './messages.service.js';

@ApiTags('messages')
@ApiBearerAuth('access-token')
@Controller('api/v1/direct-messages')
export class DirectMessagesController {
  constructor(@Inject(MessagesService) private readonly messages: MessagesService) {}

  @Post()
  @RequirePermission(Permission.DirectMessageCreate)
  @ApiOperation({
    summary: 'Send a direct message to a person; their DM is created on the first message.',
    description: 'The response carries conversationId. Retries with the same clientMsgId return the stored message with 200.',
  })
  @ApiCreatedResponse({ type: MessageResponse, description: 'Stored now.' })
  @ApiOkResponse({ type: MessageResponse, description: 'Stored earlier under the same clientMsgId.' })
  async send(@CurrentActor() actor: Actor, @Body() body: SendDirectMessageRequest, @Res({ passthrough: true }) res: Response): Promise<MessageResponse> {
    const result = await this.messages.sendDirect(actor, body);
    res.status(result.created ? 201 : 200);
    return result.message;
  }
}
