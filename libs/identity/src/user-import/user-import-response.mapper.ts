import type { ImportProgress, UserImportResponse, UserImportSummaryResponse } from '@enclave/contracts';
import type { UserImportRecord } from './user-import.record.js';

function toProgress(record: UserImportRecord): ImportProgress {
  const percent = record.rowsTotal === 0 ? (record.status === 'completed' ? 100 : 0) : Math.round((record.rowsDone / record.rowsTotal) * 1000) / 10;
  return { percent, rowsDone: record.rowsDone, rowsTotal: record.rowsTotal, created: record.created, updated: record.updated, unchanged: record.unchanged, errors: record.errorCount };
}

export function toUserImportSummaryResponse(record: UserImportRecord): UserImportSummaryResponse {
  return {
    id: record.id,
    status: record.status,
    createdBy: record.createdBy,
    rows: record.dryRun.rows,
    dryRunErrors: record.dryRun.errors,
    progress: toProgress(record),
    createdAt: record.createdAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}

export function toUserImportResponse(record: UserImportRecord): UserImportResponse {
  return {
    id: record.id,
    status: record.status,
    dryRun: record.dryRun,
    progress: toProgress(record),
    errors: [...record.errors],
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}
