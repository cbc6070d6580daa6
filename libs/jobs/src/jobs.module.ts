import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JobQueue } from './job-queue.service.js';
import { JobRegistry } from './job-registry.js';
import { JobWorkers } from './job-workers.service.js';
import { JOBS_OPTIONS, type JobsModuleOptions } from './jobs.tokens.js';

/**
 * Background jobs on BullMQ (Redis: REDIS_URL, keys under REDIS_KEY_PREFIX). Global, like
 * DatabaseModule: feature modules inject `JobQueue` to enqueue after commit and `JobRegistry`
 * to register their processors. Expects the global ConfigModule and DatabaseModule.
 *
 * Its own package rather than part of @enclave/core because core stays free of BullMQ and
 * Redis, and rather than inside apps/server because feature libraries (identity, later
 * compliance and notifications) enqueue and process jobs and must not import an app.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions = {}): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      providers: [{ provide: JOBS_OPTIONS, useValue: options }, JobRegistry, JobQueue, JobWorkers],
      exports: [JobRegistry, JobQueue],
    };
  }
}
