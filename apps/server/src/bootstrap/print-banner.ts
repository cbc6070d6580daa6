export interface BannerInfo {
  readonly url: string;
  readonly database: string;
  readonly admin: { readonly created: boolean; readonly username: string; readonly password?: string };
}

/**
 * The one message a person starting Enclave needs: where it is and how to log in. The
 * generated admin password is shown here exactly once and never logged.
 */
export function printBanner(info: BannerInfo): void {
  const lines = [`Enclave is running at ${info.url}`, `  API docs: ${info.url}/api/docs`, `  Database: ${info.database}`];
  if (info.admin.created && info.admin.password) {
    lines.push(
      '',
      '  A system administrator account was created:',
      `    username: ${info.admin.username}`,
      `    password: ${info.admin.password}`,
      '  This password is shown only once. Log in and change it.',
    );
  } else if (info.admin.created) {
    lines.push('', `  Administrator "${info.admin.username}" created with the password from ENCLAVE_ADMIN_PASSWORD.`);
  }
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const rule = '='.repeat(width);
  process.stdout.write(`\n${rule}\n${lines.map((l) => ` ${l}`).join('\n')}\n${rule}\n\n`);
}
