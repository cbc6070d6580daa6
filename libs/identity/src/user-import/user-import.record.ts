import type { ImportDryRunReport, ImportRowError, UserImportStatus } from '@enclave/contracts';

export interface ImportCounters {
  readonly rowsDone: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly errorCount: number;
}

export interface UserImportRecord extends ImportCounters {
  readonly id: string;
  readonly createdBy: string | null;
  readonly status: UserImportStatus;
  /** The uploaded file; cleared once the import finished (no copy of personal data lingers). */
  readonly csv: string | null;
  readonly rowsTotal: number;
  readonly errors: readonly ImportRowError[];
  readonly dryRun: ImportDryRunReport;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}
