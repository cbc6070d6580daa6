import { Module, type DynamicModule } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, loggerOptions, type AppConfig, Clock, SystemClock } from '@enclave/core';
import { DatabaseModule } from '@enclave/database';
import { AuditModule } from '@enclave/audit';
import { AuthzModule } from '@enclave/authz';
import { IdentityAdminModule, IdentityModule } from '@enclave/identity';
import { JobsModule } from '@enclave/jobs';
import { MessagingModule } from '@enclave/messaging';
import { RealtimeModule } from '@enclave/realtime';
import { CallPageController, MeetingsModule } from '@enclave/meetings';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RedisModule } from './redis/redis.module.js';

export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly dataSource: DataSource;
  readonly redis: Redis;
}

/** The single-node server: every module the main process runs, wired to one config, database and Redis. */
@Module({})
export class AppModule {
  static forRoot({ config, dataSource, redis }: AppModuleOptions): DynamicModule {
    // One instance, imported here and handed to RealtimeModule (which verifies tokens at the handshake).
    const identity = IdentityModule.forRoot({ redis });
    // One instance: MeetingsModule uses its RealtimeService to mark calls in conversations.
    const realtime = RealtimeModule.forRoot({ redis, imports: [identity, MessagingModule] });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        DatabaseModule.forRoot(dataSource),
        RedisModule.forRoot(redis),
        AuditModule.forRoot(),
        JobsModule.forRoot(),
        identity,
        // After identity: its PoliciesGuard runs once the access-token guard has authenticated.
        AuthzModule.forRoot({ redis }),
        MessagingModule,
        IdentityAdminModule.forRoot({ imports: [identity, MessagingModule] }),
        realtime,
        MeetingsModule.forRoot({ redis, imports: [MessagingModule, realtime], controllers: [CallPageController] }),
        HealthModule,
        MetricsModule,
      ],
      providers: [{ provide: Clock, useClass: SystemClock }],
    };
  }
}
