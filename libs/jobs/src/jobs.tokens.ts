export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

export interface JobsModuleOptions {
  /** Overrides JOBS_RUN_WORKERS (tests that only enqueue, or only process). */
  readonly runWorkers?: boolean;
}
