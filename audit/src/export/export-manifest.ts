import { sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalJson } from '../record/canonical-json.js';
import { isHash } from '../record/record-hash.js';
import { type ExportFormat, isExportFormat } from './export-format.js';
import { publicKeyFingerprint } from './signing-keys.js';

/**
 * What an export file must contain, signed. With the public key, an auditor can tell that
 * nothing was added, removed or changed since export, and where in the chain the file sits
 * (`prevHashOfFirst` is the hash of the record just before it; genesis when it starts at 1).
 */
export interface ExportManifest {
  readonly version: 1;
  readonly format: ExportFormat;
  /** Base name of the export file the manifest describes. */
  readonly file: string;
  readonly count: number;
  readonly range: { readonly from: string; readonly to: string };
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  readonly firstHash: string | null;
  readonly lastHash: string | null;
  readonly prevHashOfFirst: string | null;
  readonly fileSha256: string;
  readonly createdAt: string;
  readonly publicKeyFingerprint: string;
  readonly signatureAlgorithm: 'Ed25519';
  /** Base64 Ed25519 signature over the canonical JSON of every other field. */
  readonly signature: string;
}

export type UnsignedManifest = Omit<ExportManifest, 'signature' | 'publicKeyFingerprint' | 'signatureAlgorithm'>;

export class ManifestError extends Error {}

export function signManifest(manifest: UnsignedManifest, privateKey: KeyObject): ExportManifest {
  const body = { ...manifest, publicKeyFingerprint: publicKeyFingerprint(privateKey), signatureAlgorithm: 'Ed25519' as const };
  const signature = sign(null, Buffer.from(canonicalJson(body), 'utf8'), privateKey).toString('base64');
  return { ...body, signature };
}

/** Returns why the signature does not hold for `publicKey`, or undefined when it does. */
export function checkManifestSignature(manifest: ExportManifest, publicKey: KeyObject): string | undefined {
  const fingerprint = publicKeyFingerprint(publicKey);
  if (fingerprint !== manifest.publicKeyFingerprint) {
    return `the manifest was signed by key ${manifest.publicKeyFingerprint}, not by the given public key ${fingerprint}`;
  }
  const body: Record<string, unknown> = { ...manifest };
  delete body.signature;
  const ok = verify(null, Buffer.from(canonicalJson(body), 'utf8'), publicKey, Buffer.from(manifest.signature, 'base64'));
  return ok ? undefined : 'the manifest signature is not valid (the manifest was changed after signing)';
}

export function readManifest(path: string): ExportManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ManifestError(`cannot read the manifest ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ManifestError(`${path} is not valid JSON`);
  }
  return parseManifest(value, path);
}

function parseManifest(value: unknown, path: string): ExportManifest {
  const bad = (what: string): never => {
    throw new ManifestError(`${path}: ${what}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('not a manifest object');
  const m = value as Record<string, unknown>;
  const nullableHash = (k: string) => m[k] === null || isHash(m[k]) || bad(`${k} must be a hash or null`);
  const nullableSeq = (k: string) => m[k] === null || (Number.isSafeInteger(m[k]) && (m[k] as number) >= 1) || bad(`${k} must be a positive integer or null`);
  if (m.version !== 1) bad('unsupported manifest version');
  if (!isExportFormat(m.format)) bad('format must be jsonl or csv');
  if (typeof m.file !== 'string') bad('file must be a string');
  if (!Number.isSafeInteger(m.count) || (m.count as number) < 0) bad('count must be a whole number');
  const range = m.range as Record<string, unknown> | null;
  if (!range || typeof range.from !== 'string' || typeof range.to !== 'string') bad('range must have from and to');
  ['firstSeq', 'lastSeq'].forEach(nullableSeq);
  ['firstHash', 'lastHash', 'prevHashOfFirst'].forEach(nullableHash);
  if (!isHash(m.fileSha256)) bad('fileSha256 must be a hash');
  if (typeof m.createdAt !== 'string') bad('createdAt must be a string');
  if (typeof m.publicKeyFingerprint !== 'string') bad('publicKeyFingerprint must be a string');
  if (m.signatureAlgorithm !== 'Ed25519') bad('signatureAlgorithm must be Ed25519');
  if (typeof m.signature !== 'string') bad('signature must be a string');
  return m as unknown as ExportManifest;
}
