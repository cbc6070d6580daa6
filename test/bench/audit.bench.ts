/**
 * `npm run bench -- audit [--seconds S] [--writers 1,16] [--seal-interval MS] [--no-ceiling]`
 *
 * Audit records appended per second with the chain intact, on PostgreSQL (a fresh database,
 * dropped after). The app's own code path: DatabaseModule + AuditModule in a Nest context,
 * each writer appending one record per transaction through AuditService while the module's
 * background sealer links them into the chain. The figure counts records *sealed*:
 * the clock stops when the sealer has caught up, not when the last write returns. Seal lag is
 * sealed_at - time per record. The chain is verified at the end. Two write paths are measured:
 * an audited change (`tx.run` + `record()`) and a record in its own transaction
 * (`recordOutside()`, as failed logins and denials are written).
 *
 * For scale, "ceiling" rows write the same two rows per transaction (event + queue entry, into
 * look-alike tables) through a bare TypeORM READ COMMITTED transaction: no TransactionContext,
 * no AuditService, no hashing, no sealing. On a small machine where Node and PostgreSQL share
 * the CPUs, that is the most any audit design built on these transactions could reach.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Test } from '@nestjs/testing';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Actor } from '@enclave/core';
import { DatabaseModule, TransactionContext, createDataSource, migrate } from '@enclave/database';
import { AuditAction, AuditModule, AuditService, verifyDatabaseChain, type AuditEntry } from '@enclave/audit';
import { argValue } from './bench-args.js';

const PG = 'postgres://postgres@127.0.0.1:5432';

interface Row {
  path: string;
  writers: number;
  records: number;
  writeSeconds: number;
  sealedSeconds: number;
  lagP50: number;
  lagP95: number;
  lagMax: number;
  /** Node (this process) + this database's PostgreSQL backends, per record; NaN where /proc is unavailable. */
  cpuMicrosPerRecord: number;
}

export async function run(args: string[]): Promise<void> {
  const seconds = Number(argValue(args, '--seconds') ?? 6);
  const writerCounts = (argValue(args, '--writers') ?? '1,16').split(',').map(Number);
  const sealIntervalMs = Number(argValue(args, '--seal-interval') ?? 200);
  const name = `enclave_bench_audit_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const dataSource = createDataSource({ url: `${PG}/${name}`, schema: 'public', poolSize: Math.max(...writerCounts) + 4, entities: [], applicationName: 'enclave-bench' });
  try {
    await dataSource.initialize();
    await migrate(dataSource, 'public');
    const moduleRef = await Test.createTestingModule({ imports: [DatabaseModule.forRoot(dataSource), AuditModule.forRoot({ sealIntervalMs })] }).compile();
    const app = await moduleRef.init();
    const audit = app.get(AuditService);
    const tx = app.get(TransactionContext);
    const rows: Row[] = [];
    // Warm-up: connections, JIT, plan caches.
    await measure('in-transaction', audit, tx, dataSource, 4, 1);
    for (const path of PATHS) {
      for (const writers of writerCounts) {
        const row = await measure(path, audit, tx, dataSource, writers, seconds);
        rows.push(row);
        console.log(`${row.path}, ${writers} writer(s): ${(row.records / row.sealedSeconds).toFixed(0)} records/s sealed`);
      }
    }
    if (!args.includes('--no-ceiling')) {
      await createCeilingTables(dataSource);
      for (const writers of writerCounts) rows.push(await measureCeiling(dataSource, writers, seconds));
    }
    await app.close(); // seals anything left, then closes the DataSource
    const check = createDataSource({ url: `${PG}/${name}`, schema: 'public', poolSize: 2, entities: [] });
    await check.initialize();
    const verification = await verifyDatabaseChain(check);
    await check.destroy();
    console.log(`\nAudit trail on PostgreSQL, one record per transaction, ${seconds} s per run, seal interval ${sealIntervalMs} ms (sealed/s: until the sealer caught up):\n`);
    console.log(formatTable(rows));
    console.log(`\nChain verified: ${verification.ok ? 'intact' : `BROKEN at seq ${verification.problem?.seq}`} (${verification.count} records, head ${verification.headHash?.slice(0, 16)}…)`);
    if (!verification.ok) process.exitCode = 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/**
 * The two ways the app writes: `in-transaction` is an audited change (`tx.run` around the
 * change and `record()`, here with no change so the audit cost stands alone);
 * `own-transaction` is `recordOutside()`, how failed logins and denials are recorded.
 */
const PATHS = ['in-transaction', 'own-transaction'] as const;
type WritePath = (typeof PATHS)[number];

async function measure(path: WritePath, audit: AuditService, tx: TransactionContext, ds: DataSource, writers: number, seconds: number): Promise<Row> {
  const startSeq = await chainLength(ds);
  const cpu = await CpuMeter.start(ds);
  let written = 0;
  const t0 = performance.now();
  const stopAt = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const actor: Actor = { userId: `user-${w}`, sessionId: randomBytes(8).toString('hex'), ip: `10.0.0.${w + 1}`, userAgent: 'Mozilla/5.0 (bench)', requestId: undefined };
      for (let i = 0; performance.now() < stopAt; i++) {
        // What an admin's profile edit writes: a target, before/after and a request id.
        const entry: AuditEntry = {
          action: AuditAction.UserUpdated,
          outcome: 'success',
          target: { type: 'user', id: `target-${i % 1000}` },
          before: { displayName: `Name ${i}`, locale: 'en', timeZone: 'UTC' },
          after: { displayName: `Name ${i + 1}`, locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
        };
        const who = { ...actor, requestId: `req-${w}-${i}` };
        if (path === 'in-transaction') await tx.run(() => audit.record(who, entry));
        else await audit.recordOutside(who, entry);
        written += 1;
      }
    }),
  );
  const t1 = performance.now();
  while ((await chainLength(ds)) < startSeq + written) await new Promise((r) => setTimeout(r, 2));
  const t2 = performance.now();
  const cpuMs = await cpu.stop();
  const [lag] = await ds.query<Array<{ p50: number; p95: number; max: number }>>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY l) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY l) AS p95, max(l) AS max
     FROM (SELECT extract(epoch FROM c.sealed_at - e.occurred_at) * 1000 AS l
           FROM audit_chain c JOIN audit_event e ON e.id = c.event_id WHERE c.seq > $1) lags`,
    [startSeq],
  );
  return {
    path: `AuditService, ${path}`,
    writers,
    records: written,
    writeSeconds: (t1 - t0) / 1000,
    sealedSeconds: (t2 - t0) / 1000,
    lagP50: Number(lag?.p50 ?? 0),
    lagP95: Number(lag?.p95 ?? 0),
    lagMax: Number(lag?.max ?? 0),
    cpuMicrosPerRecord: (cpuMs * 1000) / written,
  };
}

async function createCeilingTables(ds: DataSource): Promise<void> {
  await ds.query(`CREATE TABLE ceiling_event (LIKE audit_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
  await ds.query(`CREATE TABLE ceiling_pending (LIKE audit_pending INCLUDING ALL)`);
}

/** The same two rows per transaction, through a bare TypeORM transaction (see the header). */
async function measureCeiling(ds: DataSource, writers: number, seconds: number): Promise<Row> {
  const cpu = await CpuMeter.start(ds);
  let written = 0;
  const t0 = performance.now();
  const stopAt = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; performance.now() < stopAt; i++) {
        await ds.transaction('READ COMMITTED', (m) =>
          m.query(
            `WITH inserted AS (
               INSERT INTO ceiling_event (occurred_at, actor_user_id, actor_session_id, actor_ip, actor_user_agent, actor_system,
                                          action, target_type, target_id, outcome, before, after, details, request_id)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13::jsonb, $14) RETURNING id)
             INSERT INTO ceiling_pending (event_id) SELECT id FROM inserted`,
            [
              new Date(),
              `user-${w}`,
              'session',
              `10.0.0.${w + 1}`,
              'Mozilla/5.0 (bench)',
              false,
              'user.updated',
              'user',
              `target-${i % 1000}`,
              'success',
              JSON.stringify({ displayName: `Name ${i}`, locale: 'en', timeZone: 'UTC' }),
              JSON.stringify({ displayName: `Name ${i + 1}`, locale: 'zh-CN', timeZone: 'Asia/Shanghai' }),
              null,
              `req-${w}-${i}`,
            ],
          ),
        );
        written += 1;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpuMs = await cpu.stop();
  return {
    path: 'ceiling: bare TypeORM tx, no hash',
    writers,
    records: written,
    writeSeconds: elapsed,
    sealedSeconds: Number.NaN,
    lagP50: Number.NaN,
    lagP95: Number.NaN,
    lagMax: Number.NaN,
    cpuMicrosPerRecord: (cpuMs * 1000) / written,
  };
}

/**
 * CPU spent by this process and by this database's backends (from /proc): unlike records/s it
 * hardly moves when other work shares the machine, so it is the figure to compare designs by.
 */
class CpuMeter {
  private constructor(
    private readonly ds: DataSource,
    private readonly node: NodeJS.CpuUsage,
    private readonly backends: Map<number, number>,
  ) {}

  static async start(ds: DataSource): Promise<CpuMeter> {
    return new CpuMeter(ds, process.cpuUsage(), await backendTicks(ds));
  }

  /** Milliseconds of CPU since start. */
  async stop(): Promise<number> {
    const node = process.cpuUsage(this.node);
    const now = await backendTicks(this.ds);
    if (now.size === 0) return Number.NaN;
    let ticks = 0;
    for (const [pid, t] of now) ticks += t - (this.backends.get(pid) ?? 0);
    return (node.user + node.system) / 1000 + (ticks * 1000) / CLOCK_TICKS;
  }
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

async function backendTicks(ds: DataSource): Promise<Map<number, number>> {
  const rows = await ds.query<Array<{ pid: number }>>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // Not Linux, or PostgreSQL on another host: no figure.
    }
  }
  return ticks;
}

async function chainLength(ds: DataSource): Promise<number> {
  const [row] = await ds.query<Array<{ n: string | null }>>(`SELECT max(seq)::text AS n FROM audit_chain`);
  return Number(row?.n ?? 0);
}

function formatTable(rows: readonly Row[]): string {
  const header = ['path', 'writers', 'records', 'written/s', 'sealed/s', 'catch-up', 'seal lag p50', 'p95', 'max', 'CPU/record'];
  const ms = (v: number) => (Number.isNaN(v) ? '—' : `${v.toFixed(0)} ms`);
  const lines = rows.map((r) => [
    r.path,
    String(r.writers),
    String(r.records),
    (r.records / r.writeSeconds).toFixed(0),
    Number.isNaN(r.sealedSeconds) ? '—' : (r.records / r.sealedSeconds).toFixed(0),
    ms((r.sealedSeconds - r.writeSeconds) * 1000),
    ms(r.lagP50),
    ms(r.lagP95),
    ms(r.lagMax),
    Number.isNaN(r.cpuMicrosPerRecord) ? '—' : `${r.cpuMicrosPerRecord.toFixed(0)} µs`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${PG}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

