// The public surface of @enclave/jobs: BullMQ queues and in-process workers.
export { JobsModule } from './jobs.module.js';
export { JOBS_OPTIONS, type JobsModuleOptions } from './jobs.tokens.js';
export { JobQueue, type EnqueueOptions } from './job-queue.service.js';
export { JobRegistry } from './job-registry.js';
export type { JobHandler, JobContext } from './job-handler.js';
export { QUEUE_SETTINGS, type QueueSettings } from './queue-settings.js';
export { bullPrefix } from './redis-options.js';
