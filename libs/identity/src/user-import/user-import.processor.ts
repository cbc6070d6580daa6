import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppException, Clock, type Actor, type AppConfig } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import { IMPORT_MAX_REPORTED_ERRORS, JobName, QueueName, type ImportRowAction, type ImportRowError, type UserImportApplyPayload } from '@enclave/contracts';
import { JobQueue, JobRegistry, QUEUE_SETTINGS, type JobContext } from '@enclave/jobs';
import { ImportRowErrorCode } from '../errors/admin-error-code.js';
import { readImportText } from './import-file.js';
import { planRow, type ImportState } from './import-plan.js';
import type { RowResult } from './import-rows.js';
import { ImportRowApplier } from './import-row-applier.js';
import { ImportStateLoader } from './import-state.loader.js';
import type { ImportCounters } from './user-import.record.js';
import { UserImportsRepository } from './user-imports.repository.js';

/** Planning state is loaded for this many rows at a time (a few statements per chunk). */
const CHUNK = 500;
/** Rows committed together; one commit (one fsync) per batch instead of per row. */
const BATCH = 100;
/** An import without progress for this long has lost its job (Redis data lost, enqueue failed): start it again. */
const STALE_AFTER_MS = 2 * 60_000;
const SWEEP_EVERY_MS = 60_000;

type Outcome = ImportRowAction | ImportRowError;

/** A row the data refused (the batch is then redone row by row); anything else stops the import. */
class RowFailed extends Error {
  constructor(readonly error: ImportRowError) {
    super(error.code);
  }
}

/**
 * Applies a validated import (JobName.UserImportApply) in file order. Rows go in batches of
 * 100 per transaction; if any row of a batch fails, the batch rolls back as a whole and is
 * redone one row per transaction, so the failing row is recorded and skipped and no row is
 * ever half-imported. Progress (rows done, counts, errors) is saved after every batch. A
 * retried job (crash, redeploy) resumes after the last saved batch.
 */
@Injectable()
export class UserImportProcessor implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('UserImport');
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(JobRegistry) private readonly registry: JobRegistry,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UserImportsRepository) private readonly imports: UserImportsRepository,
    @Inject(ImportStateLoader) private readonly state: ImportStateLoader,
    @Inject(ImportRowApplier) private readonly applier: ImportRowApplier,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.UserImportApply, (payload, context) => this.process(payload, context));
  }

  /** Nodes that run workers also re-enqueue imports whose job was lost (idempotent: one job id per import). */
  onApplicationBootstrap(): void {
    if (!this.config.jobs.runWorkers) return;
    void this.requeueStale();
    this.sweeper = setInterval(() => void this.requeueStale(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private async requeueStale(): Promise<void> {
    try {
      for (const importId of await this.imports.staleIds(new Date(this.clock.nowMs() - STALE_AFTER_MS))) {
        await this.jobs.addNow(JobName.UserImportApply, { importId, appliedBy: null }, { jobId: `user-import-${importId}` });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not re-enqueue stalled user imports');
    }
  }

  async process({ importId, appliedBy }: UserImportApplyPayload, context?: JobContext): Promise<void> {
    const record = await this.imports.findById(importId, { withCsv: true });
    if (!record || record.csv === null || !(await this.imports.transition(importId, ['queued', 'running'], 'running', this.clock.now()))) return;
    const actor: Actor = { userId: appliedBy ?? record.createdBy ?? undefined, sessionId: undefined, ip: undefined, userAgent: 'user-import', requestId: `user-import:${importId}` };
    let counters: ImportCounters = { rowsDone: record.rowsDone, created: record.created, updated: record.updated, unchanged: record.unchanged, errorCount: record.errorCount };
    let reported = record.errors.length;
    const tally = (outcomes: readonly Outcome[]): ImportRowError[] => {
      const errors: ImportRowError[] = [];
      for (const o of outcomes) {
        if (typeof o !== 'string') {
          counters = { ...counters, errorCount: counters.errorCount + 1 };
          if (reported++ < IMPORT_MAX_REPORTED_ERRORS) errors.push(o);
        } else if (o === 'create') counters = { ...counters, created: counters.created + 1 };
        else if (o === 'update') counters = { ...counters, updated: counters.updated + 1 };
        else counters = { ...counters, unchanged: counters.unchanged + 1 };
      }
      counters = { ...counters, rowsDone: counters.rowsDone + outcomes.length };
      return errors;
    };
    try {
      const rows = readImportText(record.csv, this.config.accountAdmin.importMaxRows);
      for (let start = counters.rowsDone; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, Math.min(start + CHUNK, rows.length));
        const state = await this.state.load(chunk.flatMap((r) => (r.ok ? [r.row] : [])));
        for (let b = 0; b < chunk.length; b += BATCH) {
          const errors = tally(await this.applyBatch(actor, importId, chunk.slice(b, b + BATCH), state));
          await this.imports.saveProgress(importId, counters, errors, this.clock.now());
          // Best effort: the database row is the progress readers use; a lost job must not stop the import.
          await context?.updateProgress({ rowsDone: counters.rowsDone, rowsTotal: record.rowsTotal }).catch(() => undefined);
        }
      }
      await this.imports.finish(importId, 'completed', null, this.clock.now());
    } catch (error) {
      // Not a row problem (database gone, file unreadable): what is saved stays; BullMQ retries.
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

  /** One transaction for the batch; on a failing row, every row again in its own transaction. */
  private async applyBatch(actor: Actor, importId: string, batch: readonly RowResult[], state: ImportState): Promise<Outcome[]> {
    try {
      return await this.tx.run(async () => {
        const outcomes: Outcome[] = [];
        for (const result of batch) outcomes.push(await this.applyRow(actor, importId, result, state));
        return outcomes;
      });
    } catch (error) {
      if (!(error instanceof RowFailed)) throw error;
    }
    const outcomes: Outcome[] = [];
    for (const result of batch) {
      try {
        outcomes.push(await this.tx.run(() => this.applyRow(actor, importId, result, state)));
      } catch (error) {
        if (!(error instanceof RowFailed)) throw error;
        outcomes.push(error.error);
      }
    }
    return outcomes;
  }

  /** Planned problems are outcomes; a row the database or a policy refuses throws RowFailed. */
  private async applyRow(actor: Actor, importId: string, result: RowResult, state: ImportState): Promise<Outcome> {
    if (!result.ok) return result.error;
    const plan = planRow(result.row, state);
    if (!plan.ok) return plan.error;
    try {
      return await this.applier.apply(actor, importId, plan);
    } catch (error) {
      const failure = { line: plan.row.line, username: plan.row.username, field: null };
      if (error instanceof AppException) throw new RowFailed({ ...failure, code: error.code, message: error.message });
      // A statement the data broke (SQLSTATE class 22/23) fails the row; anything else stops the import.
      if (isDataError(error)) throw new RowFailed({ ...failure, code: ImportRowErrorCode.Failed, message: 'The row could not be stored.' });
      throw error;
    }
  }
}

function isDataError(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown }; code?: unknown } | null)?.driverError?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
