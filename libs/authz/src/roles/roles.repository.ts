import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext, queryRows } from '@enclave/database';

export interface RoleRecord {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly builtIn: boolean;
  /** Stored permissions: meaningful for custom roles only (built-in sets live in code). */
  readonly permissions: readonly string[];
  readonly userCount: number;
  readonly groupCount: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface RoleRow {
  name: string;
  display_name: string;
  description: string;
  built_in: boolean;
  permissions: string[];
  user_count: number;
  group_count: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT_ROLE = `
  SELECT ar.*,
         (SELECT count(*)::int FROM user_system_role r WHERE r.role = ar.name) AS user_count,
         (SELECT count(*)::int FROM authz_group_role g WHERE g.role = ar.name) AS group_count
    FROM authz_role ar`;

export interface NewRole {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly permissions: readonly string[];
}

/** The role aggregate (authz_role). Grants are RoleAssignmentRepository's. */
@Injectable()
export class RolesRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async list(): Promise<RoleRecord[]> {
    const rows = await queryRows<RoleRow>(this.tx.manager(), `${SELECT_ROLE} ORDER BY ar.built_in DESC, ar.name`);
    return rows.map(toRecord);
  }

  async find(name: string, options: { lock?: boolean } = {}): Promise<RoleRecord | undefined> {
    if (options.lock) await this.tx.manager().query(`SELECT 1 FROM authz_role WHERE name = $1 FOR UPDATE`, [name]);
    const rows = await queryRows<RoleRow>(this.tx.manager(), `${SELECT_ROLE} WHERE ar.name = $1`, [name]);
    return rows[0] && toRecord(rows[0]);
  }

  /** The roles among `names` that exist, with their permissions (one statement for a whole request). */
  async findMany(names: readonly string[]): Promise<Map<string, RoleRecord>> {
    if (names.length === 0) return new Map();
    const rows = await queryRows<RoleRow>(this.tx.manager(), `${SELECT_ROLE} WHERE ar.name = ANY($1::text[])`, [names]);
    return new Map(rows.map((r) => [r.name, toRecord(r)]));
  }

  /** False when the name is taken (the primary key decides, so racing creators are safe). */
  async insert(role: NewRole, now: Date): Promise<boolean> {
    const rows = await queryRows(
      this.tx.manager(),
      `INSERT INTO authz_role (name, display_name, description, permissions, built_in, created_at, updated_at)
       VALUES ($1, $2, $3, $4, false, $5, $5) ON CONFLICT (name) DO NOTHING RETURNING name`,
      [role.name, role.displayName, role.description, role.permissions, now],
    );
    return rows.length === 1;
  }

  async update(name: string, patch: { displayName?: string; description?: string; permissions?: readonly string[] }, now: Date): Promise<void> {
    await this.tx.manager().query(
      `UPDATE authz_role
          SET display_name = COALESCE($2, display_name), description = COALESCE($3, description),
              permissions = COALESCE($4, permissions), updated_at = $5
        WHERE name = $1 AND NOT built_in`,
      [name, patch.displayName ?? null, patch.description ?? null, patch.permissions ?? null, now],
    );
  }

  /** Deletes a custom role; its user and group grants go with it (foreign keys ON DELETE CASCADE). */
  async delete(name: string): Promise<void> {
    await this.tx.manager().query(`DELETE FROM authz_role WHERE name = $1 AND NOT built_in`, [name]);
  }
}

function toRecord(row: RoleRow): RoleRecord {
  return {
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    builtIn: row.built_in,
    permissions: row.permissions,
    userCount: row.user_count,
    groupCount: row.group_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
