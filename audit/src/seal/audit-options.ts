/** Injection token for `AuditModuleOptions`. */
export const AUDIT_OPTIONS = Symbol('AUDIT_OPTIONS');

export interface AuditModuleOptions {
  /** How often the background sealer looks for new events (safety net; writes also wake it). */
  readonly sealIntervalMs?: number;
  /** Delay between a write committing and the sealer waking for it, so bursts share a batch. */
  readonly sealDebounceMs?: number;
  /** Events per seal transaction (≤ 1000). */
  readonly sealBatchSize?: number;
  /** Run the background sealer in this process (default true; CLIs and some tests turn it off). */
  readonly runSealer?: boolean;
}

export const DEFAULT_AUDIT_OPTIONS: Required<AuditModuleOptions> = {
  sealIntervalMs: 200,
  sealDebounceMs: 50,
  sealBatchSize: 1000,
  runSealer: true,
};
