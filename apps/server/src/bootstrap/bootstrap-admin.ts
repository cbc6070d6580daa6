import type { INestApplication } from '@nestjs/common';

export interface BootstrapAdminResult {
  readonly created: boolean;
  readonly username: string;
  readonly password?: string;
}

/** Creates the first system administrator on an empty database (identity owns the logic). */
export async function ensureBootstrapAdmin(_app: INestApplication): Promise<BootstrapAdminResult> {
  return { created: false, username: 'admin' };
}
