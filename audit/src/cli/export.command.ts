import { hostname, userInfo } from 'node:os';
import { SYSTEM_ACTOR, loadConfig } from '@enclave/core';
import { AuditAction } from '../catalogue/audit-action.js';
import { exportAuditRecords } from '../export/audit-exporter.js';
import type { ExportFormat } from '../export/export-format.js';
import { loadSigningKey } from '../export/signing-keys.js';
import { AuditSealer } from '../seal/audit-sealer.js';
import { toEventInsert } from '../service/audit-entry.js';
import { AuditEventRepository } from '../store/audit-event.repository.js';
import { openAuditDatabase } from './audit-database.js';
import { EXIT, print } from './cli-error.js';

/** `export --from --to --format --out`: a signed, offline-verifiable range of the trail. */
export async function exportCommand(options: { from: Date; to: Date; format: ExportFormat; out: string }): Promise<number> {
  const config = loadConfig();
  // Before touching the database: a missing key should fail in a second, not after a long export.
  const signingKey = loadSigningKey(config.audit.signingKeyFile);
  const db = await openAuditDatabase(config);
  try {
    const result = await exportAuditRecords(db.dataSource, { ...options, signingKey });
    const m = result.manifest;
    // Exporting is itself an audited act (who took which records where).
    await new AuditEventRepository().append(
      db.dataSource,
      toEventInsert(SYSTEM_ACTOR, {
        action: AuditAction.AuditExported,
        outcome: 'success',
        target: { type: 'audit_range', id: m.firstSeq === null ? null : `${m.firstSeq}-${m.lastSeq}` },
        details: { via: 'cli', osUser: osUser(), host: hostname(), range: m.range, count: m.count, format: m.format, fileSha256: m.fileSha256 },
      }, new Date()),
    );
    await new AuditSealer(db.dataSource).sealAll();
    print(`Exported ${m.count} record(s)${m.firstSeq === null ? '' : ` (seq ${m.firstSeq}..${m.lastSeq})`} to ${result.file}`);
    print(`Manifest: ${result.manifestFile} (signed by ${m.publicKeyFingerprint})`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

function osUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null; // no passwd entry (some containers)
  }
}
