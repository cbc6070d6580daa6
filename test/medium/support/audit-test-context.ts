import { Global, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, type Actor } from '@enclave/core';
import { DatabaseModule, TransactionContext } from '@enclave/database';
import { AuditModule, AuditSealer, AuditService, type AuditModuleOptions } from '@enclave/audit';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** Real time unless a test pins it (export ranges need records at known times). */
export class PinnableClock extends Clock {
  private pinned: Date | undefined;

  now(): Date {
    return this.pinned ? new Date(this.pinned) : new Date();
  }

  pin(at: Date | string | undefined): void {
    this.pinned = at === undefined ? undefined : new Date(at);
  }
}

@Global()
@Module({})
class TestClockModule {
  static with(clock: Clock): DynamicModule {
    return { module: TestClockModule, global: true, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}

export interface AuditTestContext {
  readonly db: TestDatabase;
  readonly app: INestApplicationContext;
  readonly audit: AuditService;
  readonly tx: TransactionContext;
  readonly clock: PinnableClock;
  /** A standalone sealer, as a second server process would run. */
  sealer(): AuditSealer;
  count(table: 'audit_event' | 'audit_chain' | 'audit_pending'): Promise<number>;
  close(): Promise<void>;
}

export const TEST_ACTOR: Actor = { userId: 'user-1', sessionId: 'session-1', ip: '198.51.100.4', userAgent: 'jest', requestId: 'req-1' };

/** DatabaseModule + AuditModule (the app's own wiring) over a fresh database. */
export async function createAuditTestContext(options: AuditModuleOptions & { poolSize?: number } = {}): Promise<AuditTestContext> {
  const db = await createTestDatabase({ prefix: 'enclave_audit', poolSize: options.poolSize ?? 20 });
  const clock = new PinnableClock();
  let app: INestApplicationContext | undefined;
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [DatabaseModule.forRoot(db.dataSource), TestClockModule.with(clock), AuditModule.forRoot({ runSealer: false, ...options })],
    }).compile();
    app = await moduleRef.init();
  } catch (error) {
    await db.drop();
    throw error;
  }
  const started = app;
  return {
    db,
    app: started,
    audit: started.get(AuditService),
    tx: started.get(TransactionContext),
    clock,
    sealer: () => new AuditSealer(db.dataSource),
    async count(table) {
      const rows: Array<{ n: string }> = await db.dataSource.query(`SELECT count(*)::text AS n FROM ${table}`);
      return Number(rows[0]?.n);
    },
    async close() {
      // DatabaseModule destroys the DataSource on shutdown; drop() tolerates that.
      await started.close();
      await db.drop();
    },
  };
}
