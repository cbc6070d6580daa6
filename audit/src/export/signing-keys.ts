import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A key problem an operator must fix; the message says how. */
export class SigningKeyError extends Error {}

export const PRIVATE_KEY_FILE = 'audit-signing-key.pem';
export const PUBLIC_KEY_FILE = 'audit-signing-key.pub.pem';

/** Writes a new Ed25519 key pair into `dir`: the private key readable by its owner only. */
export function writeSigningKeyPair(dir: string, options: { force?: boolean } = {}): { privateKeyFile: string; publicKeyFile: string; fingerprint: string } {
  const root = resolve(dir);
  const privateKeyFile = join(root, PRIVATE_KEY_FILE);
  const publicKeyFile = join(root, PUBLIC_KEY_FILE);
  if (!options.force && (existsSync(privateKeyFile) || existsSync(publicKeyFile))) {
    // Overwriting would orphan every manifest the old key signed.
    throw new SigningKeyError(`${privateKeyFile} or its public key already exists; refusing to overwrite it (use --force)`);
  }
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return { privateKeyFile, publicKeyFile, fingerprint: publicKeyFingerprint(publicKey) };
}

/** The private key named by AUDIT_SIGNING_KEY_FILE. */
export function loadSigningKey(file: string | undefined): KeyObject {
  if (!file) {
    throw new SigningKeyError('AUDIT_SIGNING_KEY_FILE is not set. Create a key with `npm run audit -- keygen --out DIR` and set AUDIT_SIGNING_KEY_FILE=DIR/' + PRIVATE_KEY_FILE);
  }
  const key = parseKey(file, (pem) => createPrivateKey(pem), 'private');
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`${file} is a ${key.asymmetricKeyType ?? 'non-asymmetric'} key; audit manifests need an Ed25519 key (npm run audit -- keygen)`);
  return key;
}

/** A public key file (a private key file works too: its public half is used). */
export function loadPublicKey(file: string): KeyObject {
  const key = parseKey(file, (pem) => createPublicKey(pem), 'public');
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`${file} is not an Ed25519 public key`);
  return key;
}

/** `sha256:` + hex SHA-256 of the DER SubjectPublicKeyInfo: names a key without revealing anything. */
export function publicKeyFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

function parseKey(file: string, parse: (pem: string) => KeyObject, kind: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SigningKeyError(`cannot read the ${kind} key ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return parse(pem);
  } catch {
    throw new SigningKeyError(`${file} is not a PEM ${kind} key`);
  }
}
