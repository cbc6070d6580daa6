import { Injectable } from '@nestjs/common';
import { JOB_QUEUES, type JobName, type QueueName } from '@enclave/contracts';
import type { JobHandler } from './job-handler.js';

/**
 * Which function processes which job. Feature modules register their processors at module
 * init (`registry.register(JobName.X, (payload) => …)`); the workers started at bootstrap
 * serve exactly the queues that have handlers in this process.
 */
@Injectable()
export class JobRegistry {
  // Handlers of different job names have different payload types; the map is keyed by name,
  // and `register`/`handlerFor` keep name and payload type together.
  private readonly handlers = new Map<JobName, JobHandler<never>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`a handler for job ${name} is already registered`);
    this.handlers.set(name, handler);
  }

  handlerFor(name: string): JobHandler<never> | undefined {
    return this.handlers.get(name as JobName);
  }

  queuesWithHandlers(): QueueName[] {
    return [...new Set([...this.handlers.keys()].map((name) => JOB_QUEUES[name]))];
  }
}
