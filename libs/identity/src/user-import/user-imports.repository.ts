import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '@enclave/database';
import type { ImportDryRunReport, ImportRowError, UserImportStatus } from '@enclave/contracts';
import { sql } from '../database/sql.js';
import type { ImportCounters, UserImportRecord } from './user-import.record.js';

interface ImportRow {
  id: string;
  created_by: string | null;
  status: UserImportStatus;
  csv: string | null;
  rows_total: number;
  rows_done: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  error_count: number;
  errors: ImportRowError[];
  dry_run: ImportDryRunReport;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** Bulk imports (user_import): the uploaded file, its dry run, and the progress of applying it. */
@Injectable()
export class UserImportsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async insert(id: string, createdBy: string | null, csv: string, rowsTotal: number, dryRun: ImportDryRunReport, now: Date): Promise<void> {
    await sql(
      this.tx,
      `INSERT INTO user_import (id, created_by, created_at, updated_at, status, csv, rows_total, dry_run) VALUES ($1, $2, $3, $3, 'validated', $4, $5, $6::jsonb)`,
      [id, createdBy, now, csv, rowsTotal, JSON.stringify(dryRun)],
    );
  }

  /** Without the file unless asked for (it can be megabytes). */
  async findById(id: string, options: { lock?: boolean; withCsv?: boolean } = {}): Promise<UserImportRecord | undefined> {
    const rows: ImportRow[] = await sql(
      this.tx,
      `SELECT id, created_by, status, ${options.withCsv ? 'csv' : 'NULL::text AS csv'}, rows_total, rows_done, created_count, updated_count, unchanged_count,
              error_count, errors, dry_run, created_at, started_at, finished_at
         FROM user_import WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] && toRecord(rows[0]);
  }

  /** Newest first, without the files; `after` is the last row of the previous page. */
  async list(after: { createdAt: string; id: string } | undefined, limit: number): Promise<UserImportRecord[]> {
    const rows: ImportRow[] = await sql(
      this.tx,
      `SELECT id, created_by, status, NULL::text AS csv, rows_total, rows_done, created_count, updated_count, unchanged_count,
              error_count, '[]'::jsonb AS errors, dry_run - 'preview' - 'rowErrors' AS dry_run, created_at, started_at, finished_at
         FROM user_import
        WHERE ($1::timestamptz IS NULL OR (created_at, id) < ($1::timestamptz, $2::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $3`,
      [after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map(toRecord);
  }

  async transition(id: string, from: readonly UserImportStatus[], to: UserImportStatus, now: Date): Promise<boolean> {
    const rows: unknown[] = await sql(
      this.tx,
      `UPDATE user_import SET status = $3, updated_at = $4, started_at = CASE WHEN $3 = 'running' THEN COALESCE(started_at, $4) ELSE started_at END
        WHERE id = $1 AND status = ANY($2::text[]) RETURNING id`,
      [id, from, to, now],
    );
    return rows.length === 1;
  }

  /** Counters are absolute (the runner keeps them); new errors are appended. */
  async saveProgress(id: string, counters: ImportCounters, newErrors: readonly ImportRowError[], now: Date): Promise<void> {
    await sql(
      this.tx,
      `UPDATE user_import SET rows_done = $2, created_count = $3, updated_count = $4, unchanged_count = $5, error_count = $6,
              errors = errors || $7::jsonb, updated_at = $8
        WHERE id = $1`,
      [id, counters.rowsDone, counters.created, counters.updated, counters.unchanged, counters.errorCount, JSON.stringify(newErrors), now],
    );
  }

  /** Imports that should be running but have not moved since `before`. */
  async staleIds(before: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await sql(this.tx, `SELECT id FROM user_import WHERE status IN ('queued', 'running') AND updated_at < $1 ORDER BY created_at LIMIT 100`, [before]);
    return rows.map((r) => r.id);
  }

  async finish(id: string, status: 'completed' | 'failed', failure: string | null, now: Date): Promise<void> {
    await sql(this.tx, `UPDATE user_import SET status = $2, failure = $3, finished_at = $4, updated_at = $4, csv = NULL WHERE id = $1`, [id, status, failure, now]);
  }
}

function toRecord(row: ImportRow): UserImportRecord {
  return {
    id: row.id,
    createdBy: row.created_by,
    status: row.status,
    csv: row.csv,
    rowsTotal: row.rows_total,
    rowsDone: row.rows_done,
    created: row.created_count,
    updated: row.updated_count,
    unchanged: row.unchanged_count,
    errorCount: row.error_count,
    errors: row.errors,
    dryRun: row.dry_run,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
