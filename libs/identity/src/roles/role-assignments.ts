import { Inject, Injectable, Optional } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { RoleAssignmentService } from '@enclave/authz';
import { sql } from '../database/sql.js';

/**
 * Account administration's one door to role grants: authz's RoleAssignmentService, which
 * checks escalation and the last administrator, audits (authz.user_roles.changed /
 * authz.group_roles.changed) and invalidates abilities on every node.
 *
 * TRANSITIONAL: without AuthzModule in the app (until it is wired) user roles are written to
 * user_system_role directly, as identity did before authz existed.
 */
@Injectable()
export class RoleAssignments {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Optional() @Inject(RoleAssignmentService) private readonly authz?: RoleAssignmentService,
  ) {}

  /** Sets the complete set of roles the user holds directly; returns it sorted. */
  async setUserRoles(actor: Actor, userId: string, roles: readonly string[]): Promise<string[]> {
    if (this.authz) return this.authz.assignToUser(actor, userId, roles);
    return this.tx.run(async () => {
      const wanted = [...new Set(roles)].sort();
      await sql(this.tx, `DELETE FROM user_system_role WHERE user_id = $1 AND NOT (role = ANY($2::text[]))`, [userId, wanted]);
      await sql(
        this.tx,
        `INSERT INTO user_system_role (user_id, role, granted_at) SELECT $1, r, $3 FROM unnest($2::text[]) AS r ON CONFLICT DO NOTHING`,
        [userId, wanted, this.clock.now()],
      );
      return wanted;
    });
  }

  /** Sets the complete set of roles granted to a group (needs authz). */
  async setGroupRoles(actor: Actor, groupId: string, roles: readonly string[]): Promise<string[]> {
    if (!this.authz) throw new Error('group roles need AuthzModule');
    return this.authz.grantToGroup(actor, groupId, roles);
  }

  async rolesOfGroup(groupId: string): Promise<string[]> {
    const rows: Array<{ role: string }> = await sql(this.tx, `SELECT role FROM authz_group_role WHERE group_id = $1 ORDER BY role`, [groupId]);
    return rows.map((r) => r.role);
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
