import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import type { QueueName } from '@enclave/contracts';
import { JobRegistry } from './job-registry.js';
import { QUEUE_SETTINGS } from './queue-settings.js';
import { bullPrefix, workerRedisOptions } from './redis-options.js';
import { JOBS_OPTIONS, type JobsModuleOptions } from './jobs.tokens.js';

/** How long shutdown waits for running jobs before leaving them to BullMQ's stalled-job recovery. */
const DRAIN_TIMEOUT_MS = 5_000;

/**
 * Runs the processors of this process (single-node mode: the server itself; later also
 * apps/worker). Started at application bootstrap, after every module registered its
 * handlers; stopped at module destroy, before the database and Redis clients close, so a
 * running job finishes (or is abandoned after a grace period and retried elsewhere).
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobWorkers');
  private readonly workers: Worker[] = [];
  /** One client shared by every worker (BullMQ duplicates it for each worker's blocking connection). */
  private connection: Redis | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_OPTIONS) private readonly options: JobsModuleOptions,
    @Inject(JobRegistry) private readonly registry: JobRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!(this.options.runWorkers ?? this.config.jobs.runWorkers)) return;
    for (const queue of this.registry.queuesWithHandlers()) this.start(queue);
  }

  private start(queue: QueueName): void {
    if (!this.connection) {
      this.connection = new Redis(this.config.redis.url, workerRedisOptions());
      this.connection.on('error', () => undefined); // BullMQ reconnects; errors are reported through the worker
    }
    const worker = new Worker(queue, (job: Job) => this.process(job), {
      connection: this.connection,
      prefix: bullPrefix(this.config),
      concurrency: QUEUE_SETTINGS[queue].concurrency,
    });
    worker.on('failed', (job, error) => this.logger.warn({ err: error, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade }, 'job failed'));
    worker.on('error', (error) => this.logger.warn({ err: error, queue }, 'worker error'));
    this.workers.push(worker);
  }

  private async process(job: Job): Promise<void> {
    const handler = this.registry.handlerFor(job.name);
    // Another version may have enqueued a job this one does not know: fail it visibly.
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    await handler(job.data as never, {
      jobId: String(job.id),
      attempt: job.attemptsMade + 1,
      updateProgress: (progress) => job.updateProgress(progress),
    });
  }

  async onModuleDestroy(): Promise<void> {
    const running = this.workers.splice(0);
    await Promise.all(
      running.map(async (worker) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), DRAIN_TIMEOUT_MS)));
        const outcome = await Promise.race([worker.close().then(() => 'closed' as const), timeout]).catch(() => 'timeout' as const);
        clearTimeout(timer);
        if (outcome === 'timeout') await worker.close(true).catch(() => undefined);
      }),
    );
    const connection = this.connection;
    this.connection = undefined;
    await connection?.quit().catch(() => connection.disconnect());
  }
}
