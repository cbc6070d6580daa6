import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { Clock, SystemClock } from '@enclave/core';
import { MeetingAccess } from './access/meeting-access.js';
import { MeetingsBroadcaster } from './gateway/meetings-broadcaster.js';
import { MeetingsGateway } from './gateway/meetings.gateway.js';
import { ConversationCallController } from './http/conversation-call.controller.js';
import { MeetingsController } from './http/meetings.controller.js';
import { MediaControlClient } from './media-control/media-control.client.js';
import { AttendanceService } from './meetings/attendance.service.js';
import { MeetingsRepository } from './meetings/meetings.repository.js';
import { MeetingsService } from './meetings/meetings.service.js';
import { ModerationService } from './meetings/moderation.service.js';
import { ParticipantsQueryService } from './meetings/participants-query.service.js';
import { SpeakingParticipants } from './meetings/speaking-participants.js';
import { MEETINGS_REDIS, type MeetingsModuleOptions } from './meetings.tokens.js';
import { MediaPlacementService } from './placement/media-placement.service.js';
import { SignallingService } from './signalling/signalling.service.js';
import { MeetingTimeline } from './timeline/meeting-timeline.js';

export interface MeetingsModuleForRoot extends MeetingsModuleOptions {
  /** MessagingModule and the app's RealtimeModule instance (for RealtimeService). */
  readonly imports: NonNullable<ModuleMetadata['imports']>;
  /** Extra controllers mounted with the module (the call page). */
  readonly controllers?: NonNullable<ModuleMetadata['controllers']>;
}

/**
 * Meetings' control plane: lifecycle, lobby, moderation, signalling relay to media nodes over
 * Redis, placement, TURN credentials and quality reports; REST under /api/v1 and `meeting.*`
 * events on the realtime gateway. The SFU itself is apps/media. Expects the global ConfigModule,
 * DatabaseModule, AuditModule and AuthzModule.
 */
@Module({})
export class MeetingsModule {
  static forRoot(options: MeetingsModuleForRoot): DynamicModule {
    return {
      module: MeetingsModule,
      imports: [...options.imports],
      controllers: [MeetingsController, ConversationCallController, ...(options.controllers ?? [])],
      providers: [
        { provide: MEETINGS_REDIS, useValue: options.redis },
        // Tests override Clock to move time (TURN expiry, durations) without sleeping.
        { provide: Clock, useClass: SystemClock },
        MeetingsRepository,
        MeetingAccess,
        MediaControlClient,
        MediaPlacementService,
        MeetingsBroadcaster,
        MeetingTimeline,
        MeetingsService,
        AttendanceService,
        ModerationService,
        SignallingService,
        ParticipantsQueryService,
        SpeakingParticipants,
        MeetingsGateway,
      ],
      exports: [MeetingsService, MediaControlClient],
    };
  }
}
