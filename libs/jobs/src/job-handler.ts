import type { JobName, JobPayload } from '@enclave/contracts';

/** What a processor sees of the running job. */
export interface JobContext {
  readonly jobId: string;
  /** 1 on the first run, 2 on the first retry… */
  readonly attempt: number;
  /** Progress BullMQ keeps with the job (dashboards); durable progress belongs in the database. */
  updateProgress(progress: number | Record<string, unknown>): Promise<void>;
}

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, context: JobContext) => Promise<void>;
