import { createHash, type KeyObject } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { canonicalJson } from '../record/canonical-json.js';
import { GENESIS_HASH } from '../record/record-hash.js';
import { chainRowToRecord } from '../store/audit-event.row.js';
import { AuditChainRepository } from '../store/audit-chain.repository.js';
import type { Queryable } from '../store/queryable.js';
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
 * Every record is re-verified while it is written: a tampered database is never exported
 * with a fresh signature over it.
 */
export async function exportAuditRecords(q: Queryable, options: ExportOptions): Promise<ExportResult> {
  if (!(options.from.getTime() < options.to.getTime())) throw new RangeError('--from must be before --to');
  const repo = new AuditChainRepository();
  const batchSize = options.batchSize ?? 2000;
  const range = await repo.seqRangeForTime(q, options.from, options.to);
  let prevHashOfFirst: string | null = null;
  if (range) {
    prevHashOfFirst = range.first === 1 ? GENESIS_HASH : ((await repo.linkHash(q, range.first - 1)) ?? null);
    if (prevHashOfFirst === null) throw new ExportChainBrokenError({ seq: range.first - 1, reason: 'the record before the range is missing' });
  }

  const partial = `${options.out}.partial`;
  const sha = createHash('sha256');
  const verifier = new ChainVerifier({ firstSeq: range?.first ?? 1, prevHashOfFirst: prevHashOfFirst ?? undefined });
  const handle = await open(partial, 'w', 0o640);
  try {
    const write = async (text: string) => {
      sha.update(text, 'utf8');
      await handle.write(text);
    };
    if (options.format === 'csv') await write(AUDIT_CSV_HEADER);
    let afterSeq = range ? range.first - 1 : 0;
    while (range && afterSeq < range.last) {
      const rows = await repo.readLinks(q, afterSeq, range.last, batchSize);
      if (rows.length === 0) break;
      let text = '';
      for (const row of rows) {
        const record = chainRowToRecord(row);
        if (!record) verifier.fail({ seq: Number(row.seq), reason: `its event (id ${row.event_id}) is missing` });
        else verifier.push(record);
        if (verifier.problem || !record) break;
        text += options.format === 'csv' ? recordToCsvRow(record) : recordToJsonLine(record);
      }
      if (verifier.problem) throw new ExportChainBrokenError(verifier.problem);
      await write(text);
      afterSeq = Number(rows[rows.length - 1]?.seq);
    }
    if (range && verifier.last?.seq !== range.last) {
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
      prevHashOfFirst,
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
