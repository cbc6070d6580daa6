import type { UserImportResponse } from '@enclave/contracts';
import type { UserImportRecord } from './user-import.record.js';

export function toUserImportResponse(record: UserImportRecord): UserImportResponse {
  const percent = record.rowsTotal === 0 ? (record.status === 'completed' ? 100 : 0) : Math.round((record.rowsDone / record.rowsTotal) * 1000) / 10;
  return {
    id: record.id,
    status: record.status,
    dryRun: record.dryRun,
    progress: {
      percent,
      rowsDone: record.rowsDone,
      rowsTotal: record.rowsTotal,
      created: record.created,
      updated: record.updated,
      unchanged: record.unchanged,
      errors: record.errorCount,
    },
    errors: [...record.errors],
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}
