import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppException, SYSTEM_ACTOR, type AppConfig } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import { SystemRole } from '../users/user.record.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';

export const BOOTSTRAP_ADMIN_USERNAME = 'admin';

export interface BootstrapAdminResult {
  readonly created: boolean;
  readonly username: string;
  /** Only when generated: the caller shows it once. Never logged or audited. */
  readonly password?: string;
}

/**
 * First start on an empty database creates the system administrator. Nodes starting
 * together against one database serialise on an advisory lock and re-check inside it, so
 * exactly one creates the account (the unique username index is the second line).
 */
@Injectable()
export class BootstrapAdminService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(UsersService) private readonly usersService: UsersService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async ensureAdmin(): Promise<BootstrapAdminResult> {
    const notCreated: BootstrapAdminResult = { created: false, username: BOOTSTRAP_ADMIN_USERNAME };
    if (await this.users.anyUserExists()) return notCreated;
    const configured = this.config.auth.adminPassword;
    // 15 random bytes: 120 bits, 20 characters someone can copy from a terminal.
    const password = configured ?? randomBytes(15).toString('base64url');
    return this.tx.run(async () => {
      await this.users.lockForBootstrap();
      if (await this.users.anyUserExists()) return notCreated;
      const admin = await this.createAdmin(password, configured !== undefined);
      await this.audit.record(SYSTEM_ACTOR, {
        action: AuditAction.SystemAdminBootstrapped,
        target: { type: 'user', id: admin },
        outcome: 'success',
        details: { username: BOOTSTRAP_ADMIN_USERNAME, passwordSource: configured ? 'ENCLAVE_ADMIN_PASSWORD' : 'generated' },
      });
      return configured ? { created: true, username: BOOTSTRAP_ADMIN_USERNAME } : { created: true, username: BOOTSTRAP_ADMIN_USERNAME, password };
    });
  }

  private async createAdmin(password: string, fromConfig: boolean): Promise<string> {
    try {
      const user = await this.usersService.create(SYSTEM_ACTOR, {
        username: BOOTSTRAP_ADMIN_USERNAME,
        password,
        displayName: 'Administrator',
        systemRoles: [SystemRole.SystemAdmin],
      });
      return user.id;
    } catch (error) {
      // A policy rejection of the configured password should stop start-up with one clear line.
      if (fromConfig && error instanceof AppException) {
        throw new Error(`ENCLAVE_ADMIN_PASSWORD is not acceptable: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
}
