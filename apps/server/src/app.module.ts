import { Module, type DynamicModule } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, loggerOptions, type AppConfig, Clock, SystemClock } from '@enclave/core';
import { DatabaseModule } from '@enclave/database';
import { AuditModule } from '@enclave/audit';
import { IdentityModule } from '@enclave/identity';
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
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        DatabaseModule.forRoot(dataSource),
        RedisModule.forRoot(redis),
        AuditModule.forRoot(),
        IdentityModule.forRoot({ redis }),
        HealthModule,
        MetricsModule,
      ],
      providers: [{ provide: Clock, useClass: SystemClock }],
    };
  }
}
