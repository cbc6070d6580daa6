import { Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import { Permission, type ImportRowAction } from '@enclave/contracts';
import { AdminAuthorizer } from '../admin-access/admin-authorizer.js';
import { toAdminUserAudit } from '../admin-users/admin-user-response.mapper.js';
import { AdminUsersRepository } from '../admin-users/admin-users.repository.js';
import { UserProvisioning } from '../admin-users/user-provisioning.service.js';
import { RoleAssignments } from '../roles/role-assignments.js';
import type { ImportField, RowPlan } from './import-plan.js';

type OkPlan = Extract<RowPlan, { ok: true }>;

/**
 * Applies one planned row in its own transaction — the user, their roles and groups, and the
 * audit record commit together or not at all, so a failing row leaves nothing behind. Imports
 * never change an account's status: a deactivated user stays deactivated.
 */
@Injectable()
export class ImportRowApplier {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AdminUsersRepository) private readonly users: AdminUsersRepository,
    @Inject(UserProvisioning) private readonly provisioning: UserProvisioning,
    @Inject(RoleAssignments) private readonly roles: RoleAssignments,
    @Inject(AdminAuthorizer) private readonly authorizer: AdminAuthorizer,
  ) {}

  async apply(actor: Actor, importId: string, plan: OkPlan): Promise<ImportRowAction> {
    if (plan.action === 'unchanged') return 'unchanged';
    const { row } = plan;
    const details = { importId, line: row.line };
    await this.tx.run(async () => {
      if (plan.action === 'create') {
        const user = await this.provisioning.createAccount(actor, {
          username: row.username,
          displayName: row.displayName ?? row.username,
          email: row.email ?? null,
          roles: row.roles,
          groupIds: plan.groupIds,
          groupsChecked: true,
        });
        await this.audit.record(actor, { action: AuditAction.UserCreated, target: { type: 'user', id: user.id }, outcome: 'success', after: toAdminUserAudit(user), details });
        return;
      }
      const before = plan.existing!;
      await this.authorizer.assertUsers(actor, 'update', Permission.UserUpdate, [before.id]);
      const changes = new Set<ImportField>(plan.changes);
      if (changes.has('displayName') || changes.has('email')) {
        await this.users.updateAccount(
          before.id,
          { displayName: changes.has('displayName') ? row.displayName : undefined, email: changes.has('email') ? row.email : undefined },
          this.clock.now(),
        );
      }
      if (changes.has('roles')) await this.roles.setUserRoles(actor, before.id, row.roles ?? []);
      if (changes.has('groups')) {
        const current = before.groups.map((g) => g.id);
        const wanted = plan.groupIds ?? [];
        await this.provisioning.leaveGroups(actor, before.id, current.filter((id) => !wanted.includes(id)));
        await this.provisioning.joinGroups(actor, before.id, wanted.filter((id) => !current.includes(id)));
      }
      const after = await this.users.findById(before.id);
      const pick = (view: Record<string, unknown>) => Object.fromEntries(plan.changes.map((k) => [k, view[k]]));
      await this.audit.record(actor, {
        action: AuditAction.UserUpdated,
        target: { type: 'user', id: before.id },
        outcome: 'success',
        before: pick(toAdminUserAudit(before)),
        after: after ? pick(toAdminUserAudit(after)) : undefined,
        details,
      });
    });
    return plan.action;
  }
}
