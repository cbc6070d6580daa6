import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { JOB_QUEUES, type JobName, type JobPayload, type QueueName } from '@enclave/contracts';
import { QUEUE_SETTINGS } from './queue-settings.js';
import { bullPrefix, producerRedisOptions } from './redis-options.js';

export interface EnqueueOptions {
  /**
   * Deduplication key: BullMQ ignores a second job with the same id while the first exists.
   * Use the id of the row the job works on, so a retried request cannot start two jobs.
   */
  readonly jobId?: string;
  readonly delayMs?: number;
}

/**
 * Puts jobs on their queues. `enqueue()` waits for the ambient transaction to commit (a job
 * must never see, or act on, data that was rolled back), and outside a transaction adds at
 * once. The payload is typed by the job name (JobPayloadMap in @enclave/contracts).
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly queues = new Map<QueueName, Queue>();
  private connection: Redis | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
  ) {}

  /**
   * Adds the job after commit. A failure to reach Redis at that point is logged, not thrown:
   * the change is committed and the caller has its answer; each job's owner can re-enqueue
   * (imports can be applied again, invitations re-sent).
   */
  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<void> {
    await this.tx.afterCommit(async () => {
      try {
        await this.addNow(name, payload, options);
      } catch (error) {
        // The payload is left out on purpose: it may identify people; the name and id suffice.
        this.logger.error({ err: error, job: name, jobId: options.jobId }, 'could not enqueue a job after commit');
      }
    });
  }

  /** Adds at once, throwing if Redis refuses; only for callers that hold no transaction. */
  async addNow<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<void> {
    const queueName = JOB_QUEUES[name];
    const settings = QUEUE_SETTINGS[queueName];
    await this.queue(queueName).add(name, payload, {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: settings.attempts,
      backoff: { type: 'exponential', delay: settings.backoffMs },
      // Bounded history: enough to inspect recent runs, never an unbounded Redis list.
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    });
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.producerConnection(), prefix: bullPrefix(this.config) });
      queue.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'queue connection error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** One client for every queue; the error listener is attached once, not once per queue. */
  private producerConnection(): Redis {
    if (!this.connection) {
      this.connection = new Redis(this.config.redis.url, producerRedisOptions());
      this.connection.on('error', () => undefined); // reconnects on its own; failures surface on add()
    }
    return this.connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.queues.clear();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
    this.connection = undefined;
  }
}
