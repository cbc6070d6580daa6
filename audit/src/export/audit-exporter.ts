import { createHash, type KeyObject } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Queryable } from '@enclave/database';
import type { AuditRecord } from '../record/audit-record.js';
import { canonicalJson } from '../record/canonical-json.js';
import { GENESIS_HASH } from '../record/record-hash.js';
import { chainRowToRecord } from '../store/audit-event.row.js';
import { AuditChainRepository } from '../store/audit-chain.repository.js';
import { ChainVerifier, type ChainProblem } from '../verify/chain-verifier.js';
import { AUDIT_CSV_HEADER, recordToCsvRow } from './csv-codec.js';
import type { ExportFormat } from './export-format.js';
import { type ExportManifest, signManifest } from './export-manifest.js';
import { recordToJsonLine } from './jsonl-codec.js';

export interface ExportOptions {
  readonly from: Date;
  readonly to: Date;
  readonly format: ExportFormat;
  /** Export file path; the manifest goes to `${out}.manifest.json`. */
  readonly out: string;
  readonly signingKey: KeyObject;
  readonly batchSize?: number;
  readonly now?: Date;
}

export interface ExportResult {
  readonly file: string;
  readonly manifestFile: string;
  readonly manifest: ExportManifest;
}

/** The database chain is broken inside the requested range: nothing is exported. */
export class ExportChainBrokenError extends Error {
  constructor(readonly problem: ChainProblem) {
    super(`the audit chain is broken at seq ${problem.seq ?? '?'}: ${problem.reason}; nothing was exported (run \`npm run audit -- verify\`)`);
  }
}

export function manifestPathFor(file: string): string {
  return `${file}.manifest.json`;
}

/**
 * Writes the sealed records whose time is in [from, to) and a signed manifest. Seq is commit
 * order and time is write time, so the two can disagree by a few records at the edges; the
 * export is the contiguous stretch of the chain from the first to the last record in range
 * (edge records with times just outside are included), so the file verifies on its own.
 */
export async function exportAuditRecords(q: Queryable, options: ExportOptions): Promise<ExportResult> {
  if (!(options.from.getTime() < options.to.getTime())) throw new RangeError('--from must be before --to');
  const repo = new AuditChainRepository();
  const range = await repo.seqRangeForTime(q, options.from, options.to);
  let prevHashOfFirst: string | null = null;
  if (range) {
    prevHashOfFirst = range.first === 1 ? GENESIS_HASH : ((await repo.linkHash(q, range.first - 1)) ?? null);
    if (prevHashOfFirst === null) throw new ExportChainBrokenError({ seq: range.first - 1, reason: 'the record before the range is missing' });
  }
  const records = range ? readRange(repo, q, range.first, range.last, options.batchSize ?? 2000) : [];
  return writeExportFile(records, { ...options, firstSeq: range?.first ?? null, lastSeq: range?.last ?? null, prevHashOfFirst });
}

async function* readRange(repo: AuditChainRepository, q: Queryable, first: number, last: number, batchSize: number): AsyncGenerator<AuditRecord> {
  let afterSeq = first - 1;
  while (afterSeq < last) {
    const rows = await repo.readLinks(q, afterSeq, last, batchSize);
    if (rows.length === 0) return;
    for (const row of rows) {
      const record = chainRowToRecord(row);
      if (!record) throw new ExportChainBrokenError({ seq: Number(row.seq), reason: `its event (id ${row.event_id}) is missing` });
      yield record;
    }
    afterSeq = Number(rows[rows.length - 1]?.seq);
  }
}

export interface WriteExportOptions {
  readonly format: ExportFormat;
  readonly out: string;
  readonly signingKey: KeyObject;
  readonly from: Date;
  readonly to: Date;
  /** The seq range the records must cover exactly; null for an empty export. */
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  /** Hash of the record before `firstSeq` (genesis when it is 1). */
  readonly prevHashOfFirst: string | null;
  readonly now?: Date;
}

/**
 * Writes records (a contiguous stretch of the chain, in seq order) and the signed manifest.
 * Every record is re-verified as it is written: a tampered source is never exported under a
 * fresh signature. The file appears under its name only once complete. An empty range still
 * gets a signed manifest: "nothing in this range" is a statement worth signing.
 */
export async function writeExportFile(records: AsyncIterable<AuditRecord> | Iterable<AuditRecord>, options: WriteExportOptions): Promise<ExportResult> {
  const partial = `${options.out}.partial`;
  const sha = createHash('sha256');
  const verifier = new ChainVerifier({ firstSeq: options.firstSeq ?? 1, prevHashOfFirst: options.prevHashOfFirst ?? undefined });
  const handle = await open(partial, 'w', 0o640);
  try {
    let text = options.format === 'csv' ? AUDIT_CSV_HEADER : '';
    const flush = async () => {
      sha.update(text, 'utf8');
      await handle.write(text);
      text = '';
    };
    for await (const record of records) {
      if (verifier.push(record)) throw new ExportChainBrokenError(verifier.problem ?? { seq: record.seq, reason: 'broken' });
      text += options.format === 'csv' ? recordToCsvRow(record) : recordToJsonLine(record);
      if (text.length > 1 << 20) await flush();
    }
    await flush();
    if ((verifier.last?.seq ?? null) !== options.lastSeq) {
      throw new ExportChainBrokenError({ seq: verifier.nextSeq(), reason: 'records are missing before the end of the range' });
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(partial, { force: true });
    throw error;
  }
  await handle.close();

  const manifest = signManifest(
    {
      version: 1,
      format: options.format,
      file: basename(options.out),
      count: verifier.count,
      range: { from: options.from.toISOString(), to: options.to.toISOString() },
      firstSeq: verifier.firstRecord?.seq ?? null,
      lastSeq: verifier.last?.seq ?? null,
      firstHash: verifier.firstRecord?.hash ?? null,
      lastHash: verifier.last?.hash ?? null,
      prevHashOfFirst: options.prevHashOfFirst,
      fileSha256: sha.digest('hex'),
      createdAt: (options.now ?? new Date()).toISOString(),
    },
    options.signingKey,
  );
  const manifestFile = manifestPathFor(options.out);
  await writeFile(manifestFile, `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`, { mode: 0o640 });
  await rename(partial, options.out);
  return { file: options.out, manifestFile, manifest };
}
