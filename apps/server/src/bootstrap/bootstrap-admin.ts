import type { INestApplication } from '@nestjs/common';
import { BootstrapAdminService, type BootstrapAdminResult } from '@enclave/identity';

export type { BootstrapAdminResult };

/** An unusable ENCLAVE_ADMIN_PASSWORD is a start-up error: one line, like config errors. */
export class BootstrapAdminError extends Error {}

/** Creates the first system administrator on an empty database (identity owns the logic). */
export async function ensureBootstrapAdmin(app: INestApplication): Promise<BootstrapAdminResult> {
  try {
    return await app.get(BootstrapAdminService).ensureAdmin();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('ENCLAVE_ADMIN_PASSWORD')) throw new BootstrapAdminError(message);
    throw error;
  }
}
