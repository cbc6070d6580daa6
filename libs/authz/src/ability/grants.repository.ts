import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext, queryRows } from '@enclave/database';

export interface RoleGrant {
  readonly name: string;
  readonly builtIn: boolean;
  /** Custom roles only; built-in permission sets live in code. */
  readonly permissions: readonly string[];
}

export interface AccountGrants {
  readonly exists: boolean;
  readonly active: boolean;
  readonly guestExpiresAt: Date | null;
  readonly roles: readonly RoleGrant[];
}

interface Row {
  status: string;
  guest_expires_at: Date | null;
  roles: RoleGrant[] | null;
}

/**
 * Reads what an ability is built from, in one statement: the account's state and every role
 * it holds directly (user_system_role) or through its groups (authz_group_role, including the
 * parent group's grants). Joins the ambient transaction, so a cache miss inside a messaging
 * transaction uses that transaction's connection (never a second one: embedded PGlite).
 */
@Injectable()
export class GrantsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async load(userId: string): Promise<AccountGrants> {
    const rows = await queryRows<Row>(
      this.tx.manager(),
      `WITH held AS (
         SELECT r.role FROM user_system_role r WHERE r.user_id = $1
         UNION
         SELECT gr.role
           FROM user_group_member gm
           JOIN user_group g ON g.id = gm.group_id
           JOIN authz_group_role gr ON gr.group_id = g.id OR gr.group_id = g.parent_id
          WHERE gm.user_id = $1
       )
       SELECT u.status, u.guest_expires_at,
              (SELECT json_agg(json_build_object('name', ar.name, 'builtIn', ar.built_in, 'permissions', ar.permissions) ORDER BY ar.name)
                 FROM held JOIN authz_role ar ON ar.name = held.role) AS roles
         FROM app_user u
        WHERE u.id = $1`,
      [userId],
    );
    const row = rows[0];
    if (!row) return { exists: false, active: false, guestExpiresAt: null, roles: [] };
    return { exists: true, active: row.status === 'active', guestExpiresAt: row.guest_expires_at, roles: row.roles ?? [] };
  }
}
