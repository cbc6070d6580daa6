import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { RoleAssignmentService } from '@enclave/authz';
import { sql } from '../database/sql.js';

/**
 * Account administration's one door to role grants: authz's RoleAssignmentService, which
 * checks escalation and the last administrator, audits (authz.user_roles.changed /
 * authz.group_roles.changed) and invalidates abilities on every node.
 */
@Injectable()
export class RoleAssignments {
  constructor(
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(RoleAssignmentService) private readonly authz: RoleAssignmentService,
  ) {}

  /** Sets the complete set of roles the user holds directly; returns it sorted. */
  setUserRoles(actor: Actor, userId: string, roles: readonly string[]): Promise<string[]> {
    return this.authz.assignToUser(actor, userId, roles);
  }

  /** Sets the complete set of roles granted to a group. */
  setGroupRoles(actor: Actor, groupId: string, roles: readonly string[]): Promise<string[]> {
    return this.authz.grantToGroup(actor, groupId, roles);
  }

  /**
   * Role names among `names` that do not exist (import dry runs report them per row without
   * trying to grant anything). A read of authz's role table, like messaging reads identity's users.
   */
  async unknownRoles(names: readonly string[]): Promise<string[]> {
    if (names.length === 0) return [];
    const rows: Array<{ name: string }> = await sql(this.tx, `SELECT name FROM authz_role WHERE name = ANY($1::text[])`, [names]);
    const known = new Set(rows.map((r) => r.name));
    return names.filter((n) => !known.has(n));
  }
}
