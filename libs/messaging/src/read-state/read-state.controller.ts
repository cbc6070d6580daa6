import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, MarkReadRequest, ReadStateResponse, ReceiptListResponse } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { ReadStateService } from './read-state.service.js';

@ApiTags('read state')
@ApiBearerAuth('access-token')
@Controller('api/v1/conversations/:id')
export class ReadStateController {
  constructor(@Inject(ReadStateService) private readonly reads: ReadStateService) {}

  @Post('read')
  @RequirePermission(Permission.MessageReadState)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark read up to a seq (for all your devices; never moves backwards). DMs and group DMs also send a read receipt.' })
  @ApiOkResponse({ type: ReadStateResponse })
  markRead(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: MarkReadRequest): Promise<ReadStateResponse> {
    return this.reads.markRead(actor, id, body);
  }

  @Get('read')
  @RequirePermission(Permission.MessageReadState)
  @ApiOperation({ summary: 'Your read mark and unread/mention counts in a conversation.' })
  @ApiOkResponse({ type: ReadStateResponse })
  readState(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<ReadStateResponse> {
    return this.reads.readState(actor, id);
  }

  @Get('receipts')
  @RequirePermission(Permission.MessageReadState)
  @ApiOperation({ summary: 'Read receipts of a DM or group DM: each member\'s last-read seq.' })
  @ApiOkResponse({ type: ReceiptListResponse })
  receipts(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<ReceiptListResponse> {
    return this.reads.receipts(actor, id);
  }
}
