import { QueueName } from '@enclave/contracts';

export interface QueueSettings {
  /** Jobs one node runs at once on this queue. */
  readonly concurrency: number;
  /** Attempts before a job is left failed (first run included). */
  readonly attempts: number;
  /** First retry delay; doubles per attempt. */
  readonly backoffMs: number;
}

/**
 * Per-queue behaviour. Imports run one at a time per node: each row is its own transaction
 * and a second import in parallel would only contend for the same rows and connections.
 */
export const QUEUE_SETTINGS: Readonly<Record<QueueName, QueueSettings>> = {
  [QueueName.UserImport]: { concurrency: 1, attempts: 3, backoffMs: 5_000 },
  [QueueName.Mail]: { concurrency: 4, attempts: 8, backoffMs: 2_000 },
};
