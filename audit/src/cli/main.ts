#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '@enclave/core';
import { auditCatalogueMarkdown } from '../catalogue/audit-action.js';
import { ExportChainBrokenError } from '../export/audit-exporter.js';
import { isExportFormat } from '../export/export-format.js';
import { ManifestError } from '../export/export-manifest.js';
import { SigningKeyError } from '../export/signing-keys.js';
import { CliError, EXIT, print, printError, usageError } from './cli-error.js';
import { exportCommand } from './export.command.js';
import { keygenCommand } from './keygen.command.js';
import { verifyDatabaseCommand, verifyFileCommand } from './verify.command.js';

const USAGE = `Usage: npm run audit -- <command> [options]

  verify [--seal]                  Verify the hash chain in the database (DATABASE_URL, or the
                                   embedded database under DATA_DIR while the server is stopped).
                                   --seal first links events still waiting for the sealer.
  verify --file FILE [--manifest MANIFEST] [--public-key KEY.pem]
                                   Verify an export file offline, without any database.
                                   MANIFEST defaults to FILE.manifest.json.
  export --from ISO --to ISO --format jsonl|csv --out FILE
                                   Export the records in [from, to) with a manifest signed by
                                   AUDIT_SIGNING_KEY_FILE (written to FILE.manifest.json).
  keygen --out DIR [--force]       Create an Ed25519 signing key pair in DIR.
  catalogue                        Print the audit action catalogue as a Markdown table.
  help                             Show this text.

Exit codes: 0 ok, 1 verification failed, 2 usage error, 3 could not run (database, file or key),
78 invalid configuration.`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'verify': {
      const { values } = parse(rest, { seal: { type: 'boolean' }, file: { type: 'string' }, manifest: { type: 'string' }, 'public-key': { type: 'string' } });
      if (values.file === undefined) {
        if (values.manifest !== undefined || values['public-key'] !== undefined) throw usageError('--manifest and --public-key go with --file');
        return verifyDatabaseCommand({ seal: values.seal === true });
      }
      if (values.seal) throw usageError('--seal applies to the database, not to --file');
      return verifyFileCommand({ file: values.file, manifest: values.manifest, publicKey: values['public-key'] });
    }
    case 'export': {
      const { values } = parse(rest, { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
      const from = isoDate(values.from, '--from');
      const to = isoDate(values.to, '--to');
      if (from.getTime() >= to.getTime()) throw usageError('--from must be before --to');
      if (!isExportFormat(values.format)) throw usageError('--format must be jsonl or csv');
      if (!values.out) throw usageError('--out FILE is required');
      return exportCommand({ from, to, format: values.format, out: values.out });
    }
    case 'keygen': {
      const { values } = parse(rest, { out: { type: 'string' }, force: { type: 'boolean' } });
      if (!values.out) throw usageError('--out DIR is required');
      return keygenCommand({ out: values.out, force: values.force === true });
    }
    case 'catalogue':
      parse(rest, {});
      print(auditCatalogueMarkdown());
      return EXIT.ok;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      print(USAGE);
      return command === undefined ? EXIT.usage : EXIT.ok;
    default:
      throw usageError(`Unknown command "${command}".`);
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<T extends NonNullable<Options>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

function isoDate(value: string | undefined, flag: string): Date {
  if (!value) throw usageError(`${flag} ISO-TIME is required (e.g. 2026-01-01T00:00:00Z)`);
  // Date.parse accepts much that is not ISO 8601; auditors' ranges must mean one thing.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) {
    throw usageError(`${flag} must be an ISO 8601 date or date-time with a zone, e.g. 2026-01-01 or 2026-01-01T00:00:00Z; got "${value}"`);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw usageError(`${flag} is not a valid date: "${value}"`);
  return date;
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof ConfigError) return EXIT.config;
  if (error instanceof ExportChainBrokenError || error instanceof ManifestError) return EXIT.verificationFailed;
  if (error instanceof SigningKeyError) return EXIT.cannotRun;
  return EXIT.cannotRun;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const code = exitCodeFor(error);
    printError(`audit: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = code;
  },
);
