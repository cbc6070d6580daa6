import { createHash, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { MalformedRecordError } from '../record/record-shape.js';
import { AUDIT_CSV_COLUMNS, CsvParser, csvFieldsToRecord, type CsvRow } from '../export/csv-codec.js';
import { checkManifestSignature, type ExportManifest, readManifest } from '../export/export-manifest.js';
import { jsonLineToRecord, LineSplitter } from '../export/jsonl-codec.js';
import { ChainVerifier, type ChainProblem } from './chain-verifier.js';

export interface FileVerificationOptions {
  readonly file: string;
  /** Default: `${file}.manifest.json`. */
  readonly manifestFile?: string;
  /** The signer's public key. Without it the signature is not checked (and the result says so). */
  readonly publicKey?: KeyObject;
}

export interface FileVerification {
  readonly ok: boolean;
  /** Records that verified before the first problem (all of them when ok). */
  readonly count: number;
  readonly manifest: ExportManifest;
  /** The first broken record, if any. */
  readonly recordProblem: ChainProblem | undefined;
  /** Every problem in words, the first broken record first. */
  readonly problems: string[];
  readonly signatureChecked: boolean;
}

/**
 * Verifies an export with no database: re-hashes every record, checks the links, seq
 * contiguity and the first record's link to `prevHashOfFirst`, then the manifest's count,
 * first/last hash and file digest, and its Ed25519 signature. Streams the file once.
 */
export async function verifyExportFile(options: FileVerificationOptions): Promise<FileVerification> {
  const manifest = readManifest(options.manifestFile ?? `${options.file}.manifest.json`);
  const verifier = new ChainVerifier({ firstSeq: manifest.firstSeq ?? 1, prevHashOfFirst: manifest.prevHashOfFirst ?? undefined });
  const sha = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  const reader = manifest.format === 'csv' ? csvReader(verifier) : jsonlReader(verifier);

  for await (const chunk of createReadStream(options.file)) {
    const bytes = chunk as Buffer;
    sha.update(bytes);
    // After the first broken record the rest is only hashed: one named problem is the answer.
    if (!verifier.problem) reader.push(decoder.write(bytes));
  }
  if (!verifier.problem) reader.push(decoder.end());
  if (!verifier.problem) reader.finish();

  const problems: string[] = [];
  const recordProblem = verifier.problem;
  if (recordProblem) problems.push(describeProblem(recordProblem));
  if (!recordProblem) {
    if (verifier.count !== manifest.count) problems.push(`the file has ${verifier.count} record(s), the manifest says ${manifest.count} (records were removed or added)`);
    else if ((verifier.firstRecord?.hash ?? null) !== manifest.firstHash) problems.push('the first record is not the one the manifest names');
    else if ((verifier.last?.hash ?? null) !== manifest.lastHash) problems.push('the last record is not the one the manifest names');
  }
  const digest = sha.digest('hex');
  if (digest !== manifest.fileSha256) problems.push(`the file's SHA-256 (${digest}) differs from the manifest's (${manifest.fileSha256})`);
  if (options.publicKey) {
    const signatureProblem = checkManifestSignature(manifest, options.publicKey);
    if (signatureProblem) problems.push(signatureProblem);
  }
  return { ok: problems.length === 0, count: verifier.count, manifest, recordProblem, problems, signatureChecked: options.publicKey !== undefined };
}

export function describeProblem(problem: ChainProblem): string {
  const where = problem.seq === null ? 'a record' : `record seq ${problem.seq}`;
  return `${where}${problem.line === undefined ? '' : ` (line ${problem.line})`}: ${problem.reason}`;
}

interface RecordReader {
  push(text: string): void;
  finish(): void;
}

function jsonlReader(verifier: ChainVerifier): RecordReader {
  const lines = new LineSplitter();
  let lineNo = 0;
  const handle = (line: string) => {
    lineNo += 1;
    if (verifier.problem) return;
    try {
      verifier.push(jsonLineToRecord(line), lineNo);
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      verifier.fail({ seq: verifier.nextSeq(), line: lineNo, reason: `the line is not a valid record: ${error.message}` });
    }
  };
  return {
    push: (text) => lines.push(text).forEach(handle),
    finish: () => {
      const last = lines.finish();
      if (last !== undefined) handle(last);
    },
  };
}

function csvReader(verifier: ChainVerifier): RecordReader {
  const parser = new CsvParser();
  let header = false;
  const handle = (row: CsvRow) => {
    if (verifier.problem) return;
    if (row.error !== undefined) {
      verifier.fail({ seq: verifier.nextSeq(), line: row.line, reason: `the row is not valid CSV: ${row.error}` });
      return;
    }
    if (!header) {
      header = true;
      if (row.fields.join(',') !== AUDIT_CSV_COLUMNS.join(',')) verifier.fail({ seq: null, line: row.line, reason: 'the CSV header is not the audit export header' });
      return;
    }
    try {
      verifier.push(csvFieldsToRecord(row.fields), row.line);
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      verifier.fail({ seq: verifier.nextSeq(), line: row.line, reason: `the row is not a valid record: ${error.message}` });
    }
  };
  return {
    push: (text) => parser.push(text).forEach(handle),
    finish: () => parser.finish().forEach(handle),
  };
}
