/** Exit codes of `npm run audit` (documented in audit/README.md). */
export const EXIT = {
  ok: 0,
  /** The chain or the export file did not verify. */
  verificationFailed: 1,
  /** Bad command line. */
  usage: 2,
  /** Could not do the job: database unreachable or locked, file or key missing. */
  cannotRun: 3,
  /** Invalid configuration (same code as the server's migrate CLI, EX_CONFIG). */
  config: 78,
} as const;

/** An error the CLI reports as one line and a specific exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export function usageError(message: string): CliError {
  return new CliError(`${message}\nRun \`npm run audit -- help\` for usage.`, EXIT.usage);
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function printError(line: string): void {
  process.stderr.write(`${line}\n`);
}
