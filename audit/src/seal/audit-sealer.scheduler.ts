import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditSealer } from './audit-sealer.js';
import { AUDIT_OPTIONS, DEFAULT_AUDIT_OPTIONS, type AuditModuleOptions } from './audit-options.js';

/**
 * Runs the sealer in the background of every server process: on a fixed interval, and shortly
 * after each audited commit (`wake()`), so records are hash-protected within tens of
 * milliseconds under light load. Only one process seals at a time (the chain lock); the others
 * find it busy and skip. Seals never overlap within a process either.
 */
@Injectable()
export class AuditSealerScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditSealer');
  private readonly options: Required<AuditModuleOptions>;
  private readonly sealer: AuditSealer;
  private interval: NodeJS.Timeout | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failures = 0;

  constructor(@Inject(DataSource) dataSource: DataSource, @Optional() @Inject(AUDIT_OPTIONS) options?: AuditModuleOptions) {
    this.options = { ...DEFAULT_AUDIT_OPTIONS, ...options };
    this.sealer = new AuditSealer(dataSource, this.options.sealBatchSize);
  }

  onApplicationBootstrap(): void {
    if (!this.options.runSealer) return;
    this.interval = setInterval(() => this.trigger(), this.options.sealIntervalMs);
    this.interval.unref();
    this.trigger(); // events left unsealed by a previous run
  }

  /** Seals everything committed so far before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.interval);
    clearTimeout(this.wakeTimer);
    await this.running;
    if (this.options.runSealer) {
      try {
        await this.sealer.sealAll({ timeoutMs: 5_000 });
      } catch (error) {
        this.logger.warn({ err: error }, 'could not seal the last audit events before shutdown; the next start seals them');
      }
    }
  }

  /** Called after an audited commit: seal soon, coalescing bursts of writes into one batch. */
  wake(): void {
    if (!this.options.runSealer || this.stopped || this.wakeTimer) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.trigger();
    }, this.options.sealDebounceMs);
    this.wakeTimer.unref();
  }

  /** Seals everything committed before the call (waits for another process's sealer if needed). */
  async sealNow(): Promise<number> {
    await this.running;
    return this.sealer.sealAll();
  }

  private trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true; // new events arrived while sealing: go round once more
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        // Debounced rather than immediate: under load this lets a round collect a batch worth
        // a transaction instead of sealing a handful of events per commit.
        this.wake();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      // Full batches mean more is waiting; a contended or short batch ends this round.
      for (;;) {
        const result = await this.sealer.sealOnce();
        if (result.contended || result.sealed < this.options.sealBatchSize || this.stopped) break;
      }
      this.failures = 0;
    } catch (error) {
      // A database hiccup must not kill the timer; events stay queued and the next round retries.
      if (this.failures++ % 50 === 0) this.logger.error({ err: error }, 'audit sealing failed; will retry');
    }
  }
}
