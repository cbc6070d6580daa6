import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext, queryRows } from '@enclave/database';
import type { Permission } from '@enclave/contracts';
import type { SchemeGrants } from '../roles/channel-permissions.js';

interface SchemeRow {
  member_permissions: Permission[];
  channel_admin_permissions: Permission[];
  updated_at: Date;
  updated_by: string | null;
}

export interface StoredScheme extends SchemeGrants {
  readonly updatedAt: Date;
  readonly updatedBy: string | null;
}

function toScheme(row: SchemeRow | undefined): StoredScheme | undefined {
  return row && { member: row.member_permissions, channel_admin: row.channel_admin_permissions, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/** The permission-scheme aggregate: the system default and per-channel overrides. */
@Injectable()
export class SchemeRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async findDefault(options: { lock?: boolean } = {}): Promise<StoredScheme | undefined> {
    const rows = await queryRows<SchemeRow>(this.tx.manager(), `SELECT * FROM authz_default_scheme ${options.lock ? 'FOR UPDATE' : ''}`);
    return toScheme(rows[0]);
  }

  async findForConversation(conversationId: string, options: { lock?: boolean } = {}): Promise<StoredScheme | undefined> {
    const rows = await queryRows<SchemeRow>(
      this.tx.manager(),
      `SELECT * FROM authz_channel_scheme WHERE conversation_id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [conversationId],
    );
    return toScheme(rows[0]);
  }

  async saveDefault(grants: SchemeGrants, by: string | null, now: Date): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO authz_default_scheme (singleton, member_permissions, channel_admin_permissions, updated_at, updated_by)
       VALUES (true, $1, $2, $3, $4)
       ON CONFLICT (singleton) DO UPDATE SET member_permissions = $1, channel_admin_permissions = $2, updated_at = $3, updated_by = $4`,
      [grants.member, grants.channel_admin, now, by],
    );
  }

  async saveForConversation(conversationId: string, grants: SchemeGrants, by: string | null, now: Date): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO authz_channel_scheme (conversation_id, member_permissions, channel_admin_permissions, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (conversation_id) DO UPDATE SET member_permissions = $2, channel_admin_permissions = $3, updated_at = $4, updated_by = $5`,
      [conversationId, grants.member, grants.channel_admin, now, by],
    );
  }

  async deleteForConversation(conversationId: string): Promise<void> {
    await this.tx.manager().query(`DELETE FROM authz_channel_scheme WHERE conversation_id = $1`, [conversationId]);
  }

  /** The conversation's kind and whether it exists (schemes apply to channels only). */
  async conversationKind(conversationId: string): Promise<string | undefined> {
    const rows = await queryRows<{ kind: string }>(this.tx.manager(), `SELECT kind FROM conversation WHERE id = $1`, [conversationId]);
    return rows[0]?.kind;
  }
}
