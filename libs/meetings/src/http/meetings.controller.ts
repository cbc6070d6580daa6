import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import {
  Permission,
  MeetingListQuery,
  MeetingListResponse,
  MeetingQualityResponse,
  MeetingResponse,
  ModerateMeetingRequest,
  ParticipantResponse,
  ScheduleMeetingRequest,
} from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { MeetingsService } from '../meetings/meetings.service.js';
import { ModerationService } from '../meetings/moderation.service.js';
import { ParticipantsQueryService } from '../meetings/participants-query.service.js';

@ApiTags('meetings')
@ApiBearerAuth('access-token')
@Controller('api/v1/meetings')
export class MeetingsController {
  constructor(
    @Inject(MeetingsService) private readonly meetings: MeetingsService,
    @Inject(ModerationService) private readonly moderation: ModerationService,
    @Inject(ParticipantsQueryService) private readonly participants: ParticipantsQueryService,
  ) {}

  @Post()
  @RequirePermission(Permission.MeetingStart)
  @ApiOperation({ summary: 'Schedule a meeting with invitees; the response carries its join link.' })
  @ApiCreatedResponse({ type: MeetingResponse })
  schedule(@CurrentActor() actor: Actor, @Body() body: ScheduleMeetingRequest): Promise<MeetingResponse> {
    return this.meetings.schedule(actor, body);
  }

  @Get()
  @RequirePermission(Permission.MeetingJoin)
  @ApiOperation({ summary: 'Meetings you host, are invited to, attended, or that belong to your conversations; newest first.' })
  @ApiOkResponse({ type: MeetingListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: MeetingListQuery): Promise<MeetingListResponse> {
    return this.meetings.list(actor, query);
  }

  @Get(':id')
  @RequirePermission(Permission.MeetingJoin)
  @ApiOperation({ summary: 'One meeting.' })
  @ApiOkResponse({ type: MeetingResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<MeetingResponse> {
    return this.meetings.get(actor, id);
  }

  @Get(':id/participants')
  @RequirePermission(Permission.MeetingJoin)
  @ApiOperation({ summary: 'Who is in the meeting now (joined, and for moderators also the lobby).' })
  @ApiOkResponse({ type: [ParticipantResponse] })
  listParticipants(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<ParticipantResponse[]> {
    return this.participants.live(actor, id);
  }

  @Post(':id/moderation')
  @RequirePermission(Permission.MeetingModerate)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Host actions: mute/unmute, remove, admit/deny from the lobby, lock/unlock, end for everyone.' })
  @ApiOkResponse({ type: MeetingResponse })
  moderate(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: ModerateMeetingRequest): Promise<MeetingResponse> {
    return this.moderation.moderate(actor, id, body);
  }

  @Get(':id/quality')
  @RequirePermission(Permission.MeetingQualityRead)
  @ApiOperation({ summary: "A meeting's participants, duration and connection quality (average/peak loss and RTT): the data of a QoS dashboard." })
  @ApiOkResponse({ type: MeetingQualityResponse })
  quality(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<MeetingQualityResponse> {
    return this.meetings.quality(actor, id);
  }
}
