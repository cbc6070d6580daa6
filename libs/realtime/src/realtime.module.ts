import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { Clock, SystemClock } from '@enclave/core';
import { ConnectionService } from './gateway/connection.service.js';
import { MessagingGatewayService } from './gateway/messaging-gateway.service.js';
import { MessagingMembershipDirectory } from './gateway/messaging-membership-directory.js';
import { MembershipDirectory } from './gateway/membership-directory.js';
import { RealtimeGateway } from './gateway/realtime.gateway.js';
import { SendAdmission } from './gateway/send-admission.js';
import { WsEdge } from './gateway/ws-edge.service.js';
import { FanoutService } from './fanout/fanout.service.js';
import { IdentityEventsListener } from './identity/identity-events.listener.js';
import { PresenceService } from './presence/presence.service.js';
import { SendRateLimiter } from './rate-limit/send-rate-limiter.service.js';
import { REALTIME_REDIS, type RealtimeModuleOptions } from './realtime.tokens.js';
import { RealtimeService } from './realtime.service.js';
import { RealtimeServer } from './server/realtime-server.js';
import { TypingService } from './typing/typing.service.js';

export interface RealtimeModuleForRoot extends RealtimeModuleOptions {
  /** The modules exporting AccessTokenVerifier (identity) and the messaging services: pass the same instances the app imports. */
  readonly imports: NonNullable<ModuleMetadata['imports']>;
}

/**
 * The socket.io gateway, fan-out of messaging events, presence and typing. Expects the global
 * ConfigModule and a Clock; the app installs `RealtimeIoAdapter` (createServer) so the
 * gateway runs on the Redis streams adapter.
 */
@Module({})
export class RealtimeModule {
  static forRoot(options: RealtimeModuleForRoot): DynamicModule {
    return {
      module: RealtimeModule,
      imports: [...options.imports],
      providers: [
        { provide: REALTIME_REDIS, useValue: options.redis },
        // Tests override Clock to move presence time without sleeping.
        { provide: Clock, useClass: SystemClock },
        { provide: MembershipDirectory, useClass: MessagingMembershipDirectory },
        RealtimeServer,
        RealtimeService,
        SendRateLimiter,
        SendAdmission,
        WsEdge,
        PresenceService,
        TypingService,
        ConnectionService,
        FanoutService,
        IdentityEventsListener,
        MessagingGatewayService,
        RealtimeGateway,
      ],
      exports: [RealtimeService],
    };
  }
}
