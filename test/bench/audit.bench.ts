/**
 * `npm run bench -- audit [--seconds S] [--writers 1,16] [--seal-interval MS]`
 *
 * Audit records appended per second with the chain intact, on PostgreSQL (a fresh database,
 * dropped after). The app's own code path: DatabaseModule + AuditModule in a Nest context,
 * each writer doing `tx.run(() => audit.record(...))` — one record per transaction — while the
 * module's background sealer links them into the chain. The figure counts records *sealed*:
 * the clock stops when the sealer has caught up, not when the last write returns. Seal lag is
 * sealed_at - time per record. The chain is verified at the end.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Actor } from '@enclave/core';
import { DatabaseModule, TransactionContext, createDataSource, migrate } from '@enclave/database';
import { AuditAction, AuditModule, AuditService, verifyDatabaseChain } from '@enclave/audit';

const PG = 'postgres://postgres@127.0.0.1:5432';

interface Row {
  writers: number;
  records: number;
  writeSeconds: number;
  sealedSeconds: number;
  lagP50: number;
  lagP95: number;
  lagMax: number;
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
    await measure(audit, tx, dataSource, 4, 1);
    for (const writers of writerCounts) {
      const row = await measure(audit, tx, dataSource, writers, seconds);
      rows.push(row);
      console.log(`${writers} writer(s): ${(row.records / row.sealedSeconds).toFixed(0)} records/s sealed`);
    }
    await app.close(); // seals anything left, then closes the DataSource
    const check = createDataSource({ url: `${PG}/${name}`, schema: 'public', poolSize: 2, entities: [] });
    await check.initialize();
    const verification = await verifyDatabaseChain(check);
    await check.destroy();
    console.log(`\nAudit trail, PostgreSQL, one record per transaction via AuditService, ${seconds} s per run, seal interval ${sealIntervalMs} ms:\n`);
    console.log(formatTable(rows));
    console.log(`\nChain verified: ${verification.ok ? 'intact' : `BROKEN at seq ${verification.problem?.seq}`} (${verification.count} records, head ${verification.headHash?.slice(0, 16)}…)`);
    if (!verification.ok) process.exitCode = 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function measure(audit: AuditService, tx: TransactionContext, ds: DataSource, writers: number, seconds: number): Promise<Row> {
  const startSeq = await chainLength(ds);
  let written = 0;
  const t0 = performance.now();
  const stopAt = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const actor: Actor = { userId: `user-${w}`, sessionId: randomBytes(8).toString('hex'), ip: `10.0.0.${w + 1}`, userAgent: 'Mozilla/5.0 (bench)', requestId: undefined };
      for (let i = 0; performance.now() < stopAt; i++) {
        // What an admin's profile edit writes: a target, before/after and a request id.
        await tx.run(() =>
          audit.record(
            { ...actor, requestId: `req-${w}-${i}` },
            {
              action: AuditAction.UserUpdated,
              outcome: 'success',
              target: { type: 'user', id: `target-${i % 1000}` },
              before: { displayName: `Name ${i}`, locale: 'en', timeZone: 'UTC' },
              after: { displayName: `Name ${i + 1}`, locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
            },
          ),
        );
        written += 1;
      }
    }),
  );
  const t1 = performance.now();
  while ((await chainLength(ds)) < startSeq + written) await new Promise((r) => setTimeout(r, 2));
  const t2 = performance.now();
  const [lag] = await ds.query<Array<{ p50: number; p95: number; max: number }>>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY l) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY l) AS p95, max(l) AS max
     FROM (SELECT extract(epoch FROM c.sealed_at - e.occurred_at) * 1000 AS l
           FROM audit_chain c JOIN audit_event e ON e.id = c.event_id WHERE c.seq > $1) lags`,
    [startSeq],
  );
  return {
    writers,
    records: written,
    writeSeconds: (t1 - t0) / 1000,
    sealedSeconds: (t2 - t0) / 1000,
    lagP50: Number(lag?.p50 ?? 0),
    lagP95: Number(lag?.p95 ?? 0),
    lagMax: Number(lag?.max ?? 0),
  };
}

async function chainLength(ds: DataSource): Promise<number> {
  const [row] = await ds.query<Array<{ n: string | null }>>(`SELECT max(seq)::text AS n FROM audit_chain`);
  return Number(row?.n ?? 0);
}

function formatTable(rows: readonly Row[]): string {
  const header = ['writers', 'records', 'written/s', 'sealed/s', 'catch-up', 'seal lag p50', 'p95', 'max'];
  const lines = rows.map((r) => [
    String(r.writers),
    String(r.records),
    (r.records / r.writeSeconds).toFixed(0),
    (r.records / r.sealedSeconds).toFixed(0),
    `${((r.sealedSeconds - r.writeSeconds) * 1000).toFixed(0)} ms`,
    `${r.lagP50.toFixed(0)} ms`,
    `${r.lagP95.toFixed(0)} ms`,
    `${r.lagMax.toFixed(0)} ms`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
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

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}
