import { Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { sql } from '../database/sql.js';

/**
 * Account administration's one door to role grants. TEMPORARY body: writes user_system_role
 * directly until @enclave/authz exports RoleAssignmentService (which checks escalation, audits
 * and invalidates abilities); then every method delegates to it.
 */
@Injectable()
export class RoleAssignments {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
  ) {}

  /** Sets the complete set of roles the user holds directly; returns it sorted. */
  async setUserRoles(_actor: Actor, userId: string, roles: readonly string[]): Promise<string[]> {
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

  /** Role names among `names` that do not exist. */
  async unknownRoles(names: readonly string[]): Promise<string[]> {
    if (names.length === 0) return [];
    const rows: Array<{ name: string }> = await sql(this.tx, `SELECT name FROM authz_role WHERE name = ANY($1::text[])`, [names]);
    const known = new Set(rows.map((r) => r.name));
    return names.filter((n) => !known.has(n));
  }
}
