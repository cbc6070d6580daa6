import { writeSigningKeyPair } from '../export/signing-keys.js';
import { EXIT, print } from './cli-error.js';

/** `keygen --out DIR [--force]`. */
export function keygenCommand(options: { out: string; force: boolean }): number {
  const keys = writeSigningKeyPair(options.out, { force: options.force });
  print(`Private key: ${keys.privateKeyFile} (mode 0600; set AUDIT_SIGNING_KEY_FILE to this path, keep it secret)`);
  print(`Public key:  ${keys.publicKeyFile} (give this to auditors: verify --file F --public-key ${keys.publicKeyFile})`);
  print(`Fingerprint: ${keys.fingerprint}`);
  return EXIT.ok;
}
