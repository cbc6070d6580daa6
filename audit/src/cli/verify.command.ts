import { existsSync } from 'node:fs';
import { loadConfig } from '@enclave/core';
import { AuditSealer } from '../seal/audit-sealer.js';
import { verifyDatabaseChain } from '../verify/database-verifier.js';
import { describeProblem, verifyExportFile } from '../verify/file-verifier.js';
import { loadPublicKey } from '../export/signing-keys.js';
import { AuditChainRepository } from '../store/audit-chain.repository.js';
import { openAuditDatabase } from './audit-database.js';
import { CliError, EXIT, print } from './cli-error.js';

/** `verify [--seal]`: the chain in the database. */
export async function verifyDatabaseCommand(options: { seal: boolean }): Promise<number> {
  const config = loadConfig();
  const db = await openAuditDatabase(config);
  try {
    if (options.seal) {
      const sealed = await new AuditSealer(db.dataSource).sealAll();
      print(`Sealed ${sealed} pending event(s) into the chain.`);
    }
    const result = await verifyDatabaseChain(db.dataSource);
    if (!result.ok && result.problem) {
      print(`Audit chain BROKEN (${db.description}): ${describeProblem(result.problem)}`);
      print(result.count > 0 ? `Records seq 1..${result.count} verified before it.` : 'No record before it verified.');
      return EXIT.verificationFailed;
    }
    print(`Audit chain OK (${db.description}): ${result.count} record(s) verified.`);
    print(result.headSeq === null ? 'The chain is empty.' : `Head: seq ${result.headSeq} hash ${result.headHash}`);
    // Only the head can be cut off without breaking a link: compare it with the last export's manifest.
    const unsealed = result.counts.events - result.counts.links;
    if (options.seal) {
      const after = await new AuditChainRepository().counts(db.dataSource);
      const orphans = after.events - after.links - after.pending;
      if (orphans > 0) {
        print(`FAILED: ${orphans} event(s) are neither sealed nor queued for sealing (their queue entries were deleted).`);
        return EXIT.verificationFailed;
      }
    } else if (unsealed > 0) {
      print(`${unsealed} event(s) not yet sealed: a running server seals them within a second; \`verify --seal\` seals them first.`);
      if (result.orphans > 0) print(`Of these, ${result.orphans} are not queued for sealing either: run \`verify --seal\` to check.`);
    }
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

/** `verify --file FILE [--manifest M] [--public-key KEY]`: an export, offline. */
export async function verifyFileCommand(options: { file: string; manifest?: string; publicKey?: string }): Promise<number> {
  const manifestFile = options.manifest ?? `${options.file}.manifest.json`;
  if (!existsSync(options.file)) throw new CliError(`No such export file: ${options.file}`, EXIT.cannotRun);
  if (!existsSync(manifestFile)) throw new CliError(`No manifest at ${manifestFile}: pass --manifest FILE`, EXIT.cannotRun);
  const publicKey = options.publicKey ? loadPublicKey(options.publicKey) : undefined;
  const result = await verifyExportFile({ file: options.file, manifestFile, publicKey });
  const m = result.manifest;
  if (!result.ok) {
    print(`Export ${options.file} FAILED verification:`);
    for (const problem of result.problems) print(`  - ${problem}`);
    return EXIT.verificationFailed;
  }
  const span = m.firstSeq === null ? 'no records' : `seq ${m.firstSeq}..${m.lastSeq}`;
  print(`Export OK: ${result.count} record(s) (${span}), ${m.format}, range ${m.range.from} .. ${m.range.to}; chain, count and file digest match the manifest.`);
  if (result.signatureChecked) print(`Manifest signature valid (key ${m.publicKeyFingerprint}).`);
  else print(`Signature NOT checked: pass --public-key KEY.pem to prove the manifest came from the key ${m.publicKeyFingerprint}.`);
  return EXIT.ok;
}
