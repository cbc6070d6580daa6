import { HttpStatus, Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { CommonErrorCode, type EnclaveRequest } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AbilityService } from '@enclave/authz';
import { sql } from '../database/sql.js';
import { IdentityException } from '../errors/identity.exception.js';

/**
 * TEMPORARY, until AuthzModule is wired into the app: admin routes need an active user holding
 * `system_admin` or `user_manager`. Where authz is present (its global PoliciesGuard enforces
 * each route's @RequirePermission) this guard stands aside; it goes once authz is wired.
 */
@Injectable()
export class TemporaryAdminGuard implements CanActivate {
  constructor(
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Optional() @Inject(AbilityService) private readonly authz?: AbilityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.authz) return true;
    const req = context.switchToHttp().getRequest<EnclaveRequest>();
    const userId = req.auth?.userId;
    if (!userId) throw IdentityException.unauthenticated();
    const rows: unknown[] = await sql(
      this.tx,
      `SELECT 1 FROM user_system_role r JOIN app_user u ON u.id = r.user_id
        WHERE r.user_id = $1 AND r.role IN ('system_admin', 'user_manager') AND u.status = 'active' LIMIT 1`,
      [userId],
    );
    if (rows.length === 0) throw new IdentityException(CommonErrorCode.Forbidden, 'Account administration requires an administrator role.', HttpStatus.FORBIDDEN);
    return true;
  }
}
