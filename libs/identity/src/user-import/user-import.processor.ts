import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppException, Clock, type Actor, type AppConfig } from '@enclave/core';
import { AuditAction, AuditService } from '@enclave/audit';
import { IMPORT_MAX_REPORTED_ERRORS, JobName, QueueName, type ImportRowError, type UserImportApplyPayload } from '@enclave/contracts';
import { JobRegistry, QUEUE_SETTINGS, type JobContext } from '@enclave/jobs';
import { ImportRowErrorCode } from '../errors/admin-error-code.js';
import { readImportText } from './import-file.js';
import { planRow } from './import-plan.js';
import type { ImportRow } from './import-rows.js';
import { ImportRowApplier } from './import-row-applier.js';
import { ImportStateLoader } from './import-state.loader.js';
import type { ImportCounters } from './user-import.record.js';
import { UserImportsRepository } from './user-imports.repository.js';

/** Planning state is loaded for this many rows at a time (a few statements per chunk). */
const CHUNK = 500;
/** Progress is written at most this often, so readers on any node see it move. */
const PROGRESS_EVERY_MS = 250;

/**
 * Applies a validated import (JobName.UserImportApply): rows in file order, each in its own
 * transaction; a failing row is recorded and skipped. Progress (rows done, counts, errors)
 * is saved to the import row as it goes. A retried job (crash, redeploy) resumes after the
 * last saved row; rows re-applied after it plan as unchanged.
 */
@Injectable()
export class UserImportProcessor implements OnModuleInit {
  private readonly logger = new Logger('UserImport');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(JobRegistry) private readonly registry: JobRegistry,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UserImportsRepository) private readonly imports: UserImportsRepository,
    @Inject(ImportStateLoader) private readonly state: ImportStateLoader,
    @Inject(ImportRowApplier) private readonly applier: ImportRowApplier,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.UserImportApply, (payload, context) => this.process(payload, context));
  }

  async process({ importId, appliedBy }: UserImportApplyPayload, context?: JobContext): Promise<void> {
    const record = await this.imports.findById(importId, { withCsv: true });
    if (!record || record.csv === null || !(await this.imports.transition(importId, ['queued', 'running'], 'running', this.clock.now()))) return;
    const actor: Actor = { userId: appliedBy ?? record.createdBy ?? undefined, sessionId: undefined, ip: undefined, userAgent: 'user-import', requestId: `user-import:${importId}` };
    let counters: ImportCounters = { rowsDone: record.rowsDone, created: record.created, updated: record.updated, unchanged: record.unchanged, errorCount: record.errorCount };
    let pending: ImportRowError[] = [];
    let reported = record.errors.length;
    let lastSave = Date.now();
    const fail = (error: ImportRowError) => {
      counters = { ...counters, errorCount: counters.errorCount + 1 };
      if (reported < IMPORT_MAX_REPORTED_ERRORS) {
        pending.push(error);
        reported++;
      }
    };
    const save = async (force = false) => {
      if (!force && Date.now() - lastSave < PROGRESS_EVERY_MS) return;
      await this.imports.saveProgress(importId, counters, pending, this.clock.now());
      pending = [];
      lastSave = Date.now();
      await context?.updateProgress({ rowsDone: counters.rowsDone, rowsTotal: record.rowsTotal });
    };
    try {
      const rows = readImportText(record.csv, this.config.accountAdmin.importMaxRows);
      for (let start = counters.rowsDone; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, start + CHUNK);
        const state = await this.state.load(chunk.flatMap((r) => (r.ok ? [r.row as ImportRow] : [])));
        for (const result of chunk) {
          if (!result.ok) fail(result.error);
          else await this.applyOne(actor, importId, planRow(result.row as ImportRow, state), fail, (action) => (counters = { ...counters, [action]: counters[action] + 1 }));
          counters = { ...counters, rowsDone: counters.rowsDone + 1 };
          await save();
        }
      }
      await save(true);
      await this.imports.finish(importId, 'completed', null, this.clock.now());
    } catch (error) {
      // Not a row problem (database down, file unreadable): keep what is done, let BullMQ retry.
      await save(true).catch(() => undefined);
      this.logger.error({ err: error, importId, attempt: context?.attempt }, 'user import interrupted');
      if (!context || context.attempt >= QUEUE_SETTINGS[QueueName.UserImport].attempts) {
        await this.imports.finish(importId, 'failed', error instanceof Error ? error.message.slice(0, 200) : 'failed', this.clock.now()).catch(() => undefined);
      }
      throw error;
    }
    await this.audit.record(actor, {
      action: AuditAction.UserImportCompleted,
      target: { type: 'user_import', id: importId },
      outcome: 'success',
      details: { rows: record.rowsTotal, created: counters.created, updated: counters.updated, unchanged: counters.unchanged, errors: counters.errorCount },
    });
  }

  private async applyOne(
    actor: Actor,
    importId: string,
    plan: ReturnType<typeof planRow>,
    fail: (error: ImportRowError) => void,
    count: (action: 'created' | 'updated' | 'unchanged') => void,
  ): Promise<void> {
    if (!plan.ok) return fail(plan.error);
    try {
      const action = await this.applier.apply(actor, importId, plan);
      count(action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged');
    } catch (error) {
      if (error instanceof AppException) return fail({ line: plan.row.line, username: plan.row.username, field: null, code: error.code, message: error.message });
      // A statement the data broke (SQLSTATE class 22/23) fails the row; anything else (the database gone) stops the import.
      if (!isDataError(error)) throw error;
      fail({ line: plan.row.line, username: plan.row.username, field: null, code: ImportRowErrorCode.Failed, message: 'The row could not be stored.' });
    }
  }
}

function isDataError(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown }; code?: unknown } | null)?.driverError?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
