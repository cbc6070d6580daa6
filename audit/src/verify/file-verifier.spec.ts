import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { writeExportFile } from '../export/audit-exporter.js';
import type { ExportFormat } from '../export/export-format.js';
import { loadPublicKey, loadSigningKey, writeSigningKeyPair } from '../export/signing-keys.js';
import { CsvParser } from '../export/csv-codec.js';
import { GENESIS_HASH } from '../record/record-hash.js';
import { makeChain } from '../testing/records.fixture.js';
import { verifyExportFile } from './file-verifier.js';

let dir: string;
let signingKey: KeyObject;
let publicKey: KeyObject;
let otherPublicKey: KeyObject;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-file-verifier-'));
  const keys = writeSigningKeyPair(join(dir, 'keys'));
  signingKey = loadSigningKey(keys.privateKeyFile);
  publicKey = loadPublicKey(keys.publicKeyFile);
  otherPublicKey = loadPublicKey(writeSigningKeyPair(join(dir, 'other-keys')).publicKeyFile);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function exportChain(format: ExportFormat, options: { count?: number; from?: number } = {}) {
  const whole = makeChain((options.from ?? 1) - 1 + (options.count ?? 12));
  const records = whole.slice((options.from ?? 1) - 1);
  const out = join(dir, `export-${++n}.${format}`);
  const first = records[0];
  await writeExportFile(records, {
    format,
    out,
    signingKey,
    from: new Date('2026-11-01T00:00:00Z'),
    to: new Date('2026-11-02T00:00:00Z'),
    firstSeq: first?.seq ?? null,
    lastSeq: records.at(-1)?.seq ?? null,
    prevHashOfFirst: first ? first.prevHash : null,
  });
  return { out, manifest: `${out}.manifest.json`, records };
}

/** Rewrites one line of a file. */
function editLine(file: string, index: number, edit: (line: string) => string | undefined): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const changed = edit(lines[index]);
  if (changed === undefined) lines.splice(index, 1);
  else lines[index] = changed;
  writeFileSync(file, lines.join('\n'));
}

describe.each<ExportFormat>(['jsonl', 'csv'])('%s export verified offline', (format) => {
  // CSV has a header line, so record seq k sits on line k + 1 (index k).
  const lineOf = (seq: number) => (format === 'csv' ? seq : seq - 1);

  it('accepts an untouched export with the public key', async () => {
    const { out } = await exportChain(format);
    const result = await verifyExportFile({ file: out, publicKey });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.count).toBe(12);
    expect(result.signatureChecked).toBe(true);
  });

  it('accepts a mid-chain export (starts at seq 40, links to the record before it)', async () => {
    const { out, records } = await exportChain(format, { from: 40, count: 5 });
    const result = await verifyExportFile({ file: out, publicKey });
    expect(result.ok).toBe(true);
    expect(result.manifest.prevHashOfFirst).toBe(records[0].prevHash);
    expect(result.manifest.prevHashOfFirst).not.toBe(GENESIS_HASH);
  });

  it('accepts an empty export', async () => {
    const { out } = await exportChain(format, { count: 0 });
    const result = await verifyExportFile({ file: out, publicKey });
    expect(result.ok).toBe(true);
    expect(result.manifest.firstSeq).toBeNull();
  });

  it('names the record in which one byte changed', async () => {
    const { out } = await exportChain(format);
    editLine(out, lineOf(5), (line) => line.replace('user-5', 'user-6'));
    const result = await verifyExportFile({ file: out, publicKey });
    expect(result.ok).toBe(false);
    expect(result.recordProblem).toMatchObject({ seq: 5, reason: expect.stringContaining('does not match its hash') });
    expect(result.problems.join('\n')).toContain('SHA-256');
  });

  it('names the record whose line was deleted', async () => {
    const { out } = await exportChain(format);
    editLine(out, lineOf(7), () => undefined);
    const result = await verifyExportFile({ file: out, publicKey });
    expect(result.recordProblem).toMatchObject({ seq: 7, reason: expect.stringContaining('missing') });
  });

  it('notices the last record removed', async () => {
    const { out } = await exportChain(format);
    editLine(out, lineOf(12), () => undefined);
    const result = await verifyExportFile({ file: out, publicKey });
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toContain('11 record(s), the manifest says 12');
  });

  it('names a line that is no longer a record', async () => {
    const { out } = await exportChain(format);
    editLine(out, lineOf(3), (line) => line.slice(0, 40));
    const result = await verifyExportFile({ file: out, publicKey });
    expect(result.recordProblem).toMatchObject({ seq: 3 });
  });

  it('rejects a changed manifest: signature no longer valid', async () => {
    const { out, manifest } = await exportChain(format);
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    writeFileSync(manifest, JSON.stringify({ ...m, range: { ...m.range, to: '2027-01-01T00:00:00.000Z' } }));
    const result = await verifyExportFile({ file: out, publicKey });
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain('signature is not valid');
  });

  it('rejects a manifest rewritten to match a shortened file unless it is re-signed with the key', async () => {
    const { out, manifest } = await exportChain(format);
    editLine(out, lineOf(12), () => undefined);
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    const digest = (await verifyExportFile({ file: out })).problems.join(' ').match(/SHA-256 \(([0-9a-f]{64})\)/)?.[1];
    const chain = makeChain(11);
    writeFileSync(manifest, JSON.stringify({ ...m, count: 11, lastSeq: 11, lastHash: chain[10].hash, fileSha256: digest }));
    const withoutKey = await verifyExportFile({ file: out });
    expect(withoutKey.ok).toBe(true); // consistent, but unauthenticated...
    expect(withoutKey.signatureChecked).toBe(false);
    const withKey = await verifyExportFile({ file: out, publicKey });
    expect(withKey.ok).toBe(false); // ...and the signature exposes it
  });

  it('rejects the right file checked against somebody else\'s key', async () => {
    const { out } = await exportChain(format);
    const result = await verifyExportFile({ file: out, publicKey: otherPublicKey });
    expect(result.problems.join('\n')).toContain('not by the given public key');
  });
});

describe('CsvParser', () => {
  it('parses the same rows whatever the chunking', () => {
    const text = 'a,"b,c","say ""hi""",,"",x\r\n"multi\nline",2,3\nlast,row';
    const whole = new CsvParser();
    const expected = [...whole.push(text), ...whole.finish()];
    const bytewise = new CsvParser();
    const rows = [...text].flatMap((ch) => bytewise.push(ch));
    rows.push(...bytewise.finish());
    expect(rows).toEqual(expected);
    expect(expected.map((r) => r.fields)).toEqual([
      ['a', 'b,c', 'say "hi"', null, '', 'x'],
      ['multi\nline', '2', '3'],
      ['last', 'row'],
    ]);
  });

  it('reports a stray quote instead of guessing', () => {
    const rows = new CsvParser().push('a,b"c,d\n');
    expect(rows[0]?.error).toContain('stray quote');
  });
});
