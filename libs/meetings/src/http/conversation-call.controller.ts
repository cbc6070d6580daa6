import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, MeetingResponse, StartCallRequest } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { MeetingsService } from '../meetings/meetings.service.js';

@ApiTags('meetings')
@ApiBearerAuth('access-token')
@Controller('api/v1/conversations/:id/meeting')
export class ConversationCallController {
  constructor(@Inject(MeetingsService) private readonly meetings: MeetingsService) {}

  @Post()
  @RequirePermission(Permission.MeetingStart)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Start a call in a channel, DM or group DM, or get the one in progress. Then join it over WebSocket (`meeting.join`) or open its joinUrl.' })
  @ApiOkResponse({ type: MeetingResponse })
  start(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: StartCallRequest): Promise<MeetingResponse> {
    return this.meetings.startCall(actor, id, body);
  }

  @Get()
  @RequirePermission(Permission.MeetingJoin)
  @ApiOperation({ summary: 'The call in progress in a conversation (404 MEETING_NOT_FOUND when there is none).' })
  @ApiOkResponse({ type: MeetingResponse })
  current(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<MeetingResponse> {
    return this.meetings.activeCall(actor, id);
  }
}
