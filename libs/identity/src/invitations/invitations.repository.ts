import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '@enclave/database';
import { sql } from '../database/sql.js';
import type { InvitationRecord, InvitationStatus, NewInvitation } from './invitation.record.js';

interface InvitationRow {
  id: string;
  email: string;
  display_name: string | null;
  roles: string[];
  group_ids: string[];
  status: InvitationStatus;
  invited_by: string | null;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_user_id: string | null;
  mail_sent_at: Date | null;
}

/** Invitations (user_invitation). Joins the ambient transaction. */
@Injectable()
export class InvitationsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async insert(invitation: NewInvitation): Promise<void> {
    await sql(
      this.tx,
      `INSERT INTO user_invitation (id, email, display_name, roles, group_ids, invited_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4::text[], $5::uuid[], $6, $7, $8)`,
      [invitation.id, invitation.email, invitation.displayName, invitation.roles, invitation.groupIds, invitation.invitedBy, invitation.createdAt, invitation.expiresAt],
    );
  }

  async findById(id: string, options: { lock?: boolean } = {}): Promise<InvitationRecord | undefined> {
    const rows: InvitationRow[] = await sql(this.tx, `SELECT * FROM user_invitation WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Newest first, keyset on (created_at, id). */
  async list(after: { at: Date; id: string } | undefined, limit: number): Promise<InvitationRecord[]> {
    const rows: InvitationRow[] = await sql(
      this.tx,
      `SELECT * FROM user_invitation
        WHERE ($1::timestamptz IS NULL OR (created_at, id) < ($1::timestamptz, $2::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $3`,
      [after?.at ?? null, after?.id ?? null, limit],
    );
    return rows.map(toRecord);
  }

  /** Earlier pending invitations of the same address stop working when a new one is sent. */
  async revokePendingFor(email: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await sql(
      this.tx,
      `UPDATE user_invitation SET status = 'revoked' WHERE lower(email) = lower($1) AND status = 'pending' RETURNING id`,
      [email],
    );
    return rows.map((r) => r.id);
  }

  async setStatus(id: string, from: InvitationStatus, to: InvitationStatus, accepted?: { userId: string; at: Date }): Promise<boolean> {
    const rows: unknown[] = await sql(
      this.tx,
      `UPDATE user_invitation SET status = $3, accepted_user_id = COALESCE($4, accepted_user_id), accepted_at = COALESCE($5, accepted_at)
        WHERE id = $1 AND status = $2 RETURNING id`,
      [id, from, to, accepted?.userId ?? null, accepted?.at ?? null],
    );
    return rows.length === 1;
  }

  async markMailed(id: string, at: Date): Promise<void> {
    await sql(this.tx, `UPDATE user_invitation SET mail_sent_at = $2, mail_error = NULL WHERE id = $1`, [id, at]);
  }

  async markMailFailed(id: string, error: string): Promise<void> {
    await sql(this.tx, `UPDATE user_invitation SET mail_error = $2 WHERE id = $1`, [id, error.slice(0, 512)]);
  }
}

function toRecord(row: InvitationRow): InvitationRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    groupIds: row.group_ids,
    status: row.status,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedUserId: row.accepted_user_id,
    mailSentAt: row.mail_sent_at,
  };
}
