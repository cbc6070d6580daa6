import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, newId, type Actor, type AppConfig } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditContext } from '@enclave/audit';
import { IMPORT_DRY_RUN_MAX_ERRORS, IMPORT_PREVIEW_ROWS, JobName, type ImportDryRunReport, type ImportRowError, type UserImportResponse, type AdminPageQuery, type UserImportListResponse } from '@enclave/contracts';
import { JobQueue } from '@enclave/jobs';
import { AdminErrorCode } from '../errors/admin-error-code.js';
import { AdminException } from '../errors/admin.exception.js';
import { readImportBytes } from './import-file.js';
import { planRow } from './import-plan.js';
import { ImportStateLoader } from './import-state.loader.js';
import { toUserImportResponse, toUserImportSummaryResponse } from './user-import-response.mapper.js';
import { adminPageLimit, decodeKey, pageOf } from '../database/keyset-cursor.js';
import type { UserImportRecord } from './user-import.record.js';
import { UserImportsRepository } from './user-imports.repository.js';

/**
 * CSV imports: upload (parsed, checked and planned at once: the dry run), apply (a job after
 * commit; progress in the database, readable from any node), status.
 */
@Injectable()
export class UserImportsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AuditContext) private readonly audit: AuditContext,
    @Inject(UserImportsRepository) private readonly imports: UserImportsRepository,
    @Inject(ImportStateLoader) private readonly state: ImportStateLoader,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {}

  /** The dry run: per-row errors and what would change (create / update / unchanged). Nothing changes yet. */
  async upload(actor: Actor, bytes: Buffer): Promise<UserImportResponse> {
    const { text, rows } = readImportBytes(bytes, this.config.accountAdmin.importMaxRows);
    const valid = rows.flatMap((r) => (r.ok ? [r.row] : []));
    const state = await this.state.load(valid);
    const report: ImportDryRunReport = { rows: rows.length, create: 0, update: 0, unchanged: 0, errors: 0, preview: [], rowErrors: [] };
    const addError = (error: ImportRowError) => {
      report.errors++;
      if (report.rowErrors.length < IMPORT_DRY_RUN_MAX_ERRORS) report.rowErrors.push(error);
    };
    for (const result of rows) {
      if (!result.ok) {
        addError(result.error);
        continue;
      }
      const plan = planRow(result.row, state);
      if (!plan.ok) {
        addError(plan.error);
        continue;
      }
      report[plan.action]++;
      if (report.preview.length < IMPORT_PREVIEW_ROWS) report.preview.push({ line: plan.row.line, username: plan.row.username, action: plan.action, changes: [...plan.changes] });
    }
    return this.tx.run(async () => {
      const id = newId();
      await this.imports.insert(id, actor.userId ?? null, text, rows.length, report, this.clock.now());
      this.audit.setTarget('user_import', id);
      this.audit.setAfter({ rows: report.rows, create: report.create, update: report.update, unchanged: report.unchanged, errors: report.errors, bytes: bytes.length });
      return toUserImportResponse(await this.require(id));
    });
  }

  /** Starts applying a validated import; each row is then its own transaction (a bad row never half-imports). */
  async apply(actor: Actor, importId: string): Promise<UserImportResponse> {
    return this.tx.run(async () => {
      const record = await this.require(importId, true);
      if (!(await this.imports.transition(importId, ['validated'], 'queued', this.clock.now()))) {
        throw new AdminException(AdminErrorCode.ImportAlreadyApplied, `This import is ${record.status}; upload the file again to import it again.`, HttpStatus.CONFLICT);
      }
      await this.jobs.enqueue(JobName.UserImportApply, { importId, appliedBy: actor.userId ?? null }, { jobId: `user-import-${importId}` });
      this.audit.setBefore({ status: record.status });
      this.audit.setAfter({ status: 'queued', rows: record.rowsTotal });
      return toUserImportResponse(await this.require(importId));
    });
  }

  /** Every import, newest first (cursor: the last item's creation time and id). */
  async list(_actor: Actor, query: AdminPageQuery): Promise<UserImportListResponse> {
    const limit = adminPageLimit(query.limit);
    const after = decodeKey(query.cursor);
    const [createdAt, id] = after?.split('|') ?? [];
    if (after !== undefined && (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/i.test(id))) throw AdminException.invalidCursor();
    const rows = await this.imports.list(createdAt && id ? { createdAt, id } : undefined, limit + 1);
    const page = pageOf(rows, limit, (r) => `${r.createdAt.toISOString()}|${r.id}`);
    return { items: page.items.map(toUserImportSummaryResponse), nextCursor: page.nextCursor };
  }

  async get(_actor: Actor, importId: string): Promise<UserImportResponse> {
    return toUserImportResponse(await this.require(importId));
  }

  private async require(importId: string, lock = false): Promise<UserImportRecord> {
    const record = await this.imports.findById(importId, { lock });
    if (!record) throw new AdminException(AdminErrorCode.ImportNotFound, 'No such import.', HttpStatus.NOT_FOUND);
    return record;
  }
}
