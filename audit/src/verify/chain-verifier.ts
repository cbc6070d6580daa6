import type { AuditRecord } from '../record/audit-record.js';
import { GENESIS_HASH, computeRecordHash } from '../record/record-hash.js';

/** The first thing wrong with a chain: which record, and why. */
export interface ChainProblem {
  /** The seq of the first broken (or missing) record, when known. */
  readonly seq: number | null;
  /** 1-based line (JSONL) or row (CSV) in an export file. */
  readonly line?: number;
  readonly reason: string;
}

export interface ChainVerifierOptions {
  /** The seq the first record must have (1 for a whole chain; the manifest's for an export). */
  readonly firstSeq?: number;
  /** The hash the first record must link to (genesis for seq 1). */
  readonly prevHashOfFirst?: string;
}

/**
 * Streaming chain check, shared by the database verifier, the exporter and the file verifier:
 * records are pushed in order, and the first problem is kept. Holds only the previous record,
 * so millions of records verify in constant memory.
 */
export class ChainVerifier {
  private previous: { seq: number; hash: string } | undefined;
  private first: AuditRecord | undefined;
  private counted = 0;
  private problemFound: ChainProblem | undefined;

  constructor(private readonly options: ChainVerifierOptions = {}) {}

  get count(): number {
    return this.counted;
  }

  get problem(): ChainProblem | undefined {
    return this.problemFound;
  }

  get firstRecord(): AuditRecord | undefined {
    return this.first;
  }

  get last(): { readonly seq: number; readonly hash: string } | undefined {
    return this.previous;
  }

  /** Checks the next record; returns the problem if this is the first broken one. */
  push(record: AuditRecord, line?: number): ChainProblem | undefined {
    if (this.problemFound) return undefined;
    const at = (seq: number | null, reason: string): ChainProblem => (this.problemFound = { seq, line, reason });
    const expectedSeq = this.previous ? this.previous.seq + 1 : (this.options.firstSeq ?? record.seq);
    if (record.seq > expectedSeq) {
      return at(expectedSeq, this.previous ? `record ${expectedSeq} is missing: seq ${this.previous.seq} is followed by seq ${record.seq}` : `the first record should be seq ${expectedSeq}, found seq ${record.seq}`);
    }
    if (record.seq < expectedSeq) return at(record.seq, `seq ${record.seq} is out of order or repeated (expected seq ${expectedSeq})`);
    const expectedPrev = this.previous?.hash ?? (record.seq === 1 ? GENESIS_HASH : this.options.prevHashOfFirst);
    if (expectedPrev !== undefined && record.prevHash !== expectedPrev) {
      return at(record.seq, this.previous ? `its prevHash does not match the hash of seq ${this.previous.seq}` : `its prevHash does not match ${record.seq === 1 ? 'the genesis hash' : `the hash of seq ${record.seq - 1}`}`);
    }
    if (computeRecordHash(record) !== record.hash) return at(record.seq, 'its content does not match its hash (the record was altered)');
    this.first ??= record;
    this.previous = { seq: record.seq, hash: record.hash };
    this.counted += 1;
    return undefined;
  }

  /** Records a problem found outside the record itself (missing event row, unparsable line). */
  fail(problem: ChainProblem): void {
    this.problemFound ??= problem;
  }

  /** The seq the next record should have. */
  nextSeq(): number {
    return this.previous ? this.previous.seq + 1 : (this.options.firstSeq ?? 1);
  }
}
