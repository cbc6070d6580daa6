import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, decodeCursor, encodeCursor, isUuid, newId, type Actor, type AppConfig } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditContext } from '@enclave/audit';
import { JobName, type AdminPageQuery, type CreateInvitationRequest, type InvitationListResponse, type InvitationResponse } from '@enclave/contracts';
import { JobQueue } from '@enclave/jobs';
import { UserProvisioning } from '../admin-users/user-provisioning.service.js';
import { adminPageLimit } from '../database/keyset-cursor.js';
import { sql } from '../database/sql.js';
import { AdminErrorCode } from '../errors/admin-error-code.js';
import { AdminException } from '../errors/admin.exception.js';
import { MailService } from '../mail/mail.service.js';
import { RoleAssignments } from '../roles/role-assignments.js';
import { toInvitationResponse } from './invitation-response.mapper.js';
import type { InvitationRecord } from './invitation.record.js';
import { InvitationsRepository } from './invitations.repository.js';

/**
 * Invitations for administrators: create (the mail goes out from a job after commit, with
 * retries), list, revoke, re-send. Accepting is InvitationAcceptService (public).
 */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AuditContext) private readonly audit: AuditContext,
    @Inject(InvitationsRepository) private readonly invitations: InvitationsRepository,
    @Inject(UserProvisioning) private readonly provisioning: UserProvisioning,
    @Inject(RoleAssignments) private readonly roles: RoleAssignments,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {}

  async create(actor: Actor, request: CreateInvitationRequest): Promise<InvitationResponse> {
    if (!this.mail.configured) throw mailNotConfigured();
    return this.tx.run(async () => {
      const roles = [...new Set(request.roles ?? [])].sort();
      const unknown = await this.roles.unknownRoles(roles);
      if (unknown.length > 0) throw new AdminException(AdminErrorCode.RoleUnknown, 'Some roles do not exist.', HttpStatus.BAD_REQUEST, { roles: unknown });
      await this.provisioning.requireGroups(request.groupIds ?? []);
      if (await this.emailInUse(request.email)) {
        throw new AdminException(AdminErrorCode.InvitationEmailInUse, 'An active account already uses this email address.', HttpStatus.CONFLICT);
      }
      const superseded = await this.invitations.revokePendingFor(request.email);
      const now = this.clock.now();
      const id = newId();
      await this.invitations.insert({
        id,
        email: request.email,
        displayName: request.displayName ?? null,
        roles,
        groupIds: [...new Set(request.groupIds ?? [])],
        invitedBy: actor.userId ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.accountAdmin.invitationTtlHours * 3_600_000),
      });
      await this.jobs.enqueue(JobName.InvitationMail, { invitationId: id }, { jobId: `invitation-${id}` });
      const response = toInvitationResponse(await this.require(id), now);
      this.audit.setTarget('invitation', id);
      this.audit.setAfter(response);
      if (superseded.length > 0) this.audit.addDetails({ superseded });
      return response;
    });
  }

  async list(_actor: Actor, query: AdminPageQuery): Promise<InvitationListResponse> {
    const limit = adminPageLimit(query.limit);
    const rows = await this.invitations.list(decodeTimeKey(query.cursor), limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const now = this.clock.now();
    return { items: page.map((i) => toInvitationResponse(i, now)), nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.getTime(), id: last.id }) : null };
  }

  /** The link stops working at once. */
  async revoke(_actor: Actor, invitationId: string): Promise<void> {
    await this.tx.run(async () => {
      const invitation = await this.require(invitationId, true);
      if (!(await this.invitations.setStatus(invitationId, 'pending', 'revoked'))) throw notPending();
      this.audit.setBefore({ status: invitation.status });
      this.audit.setAfter({ status: 'revoked' });
    });
  }

  /** Sends the mail of a pending, unexpired invitation again (same link). */
  async resend(_actor: Actor, invitationId: string): Promise<InvitationResponse> {
    if (!this.mail.configured) throw mailNotConfigured();
    return this.tx.run(async () => {
      const invitation = await this.require(invitationId, true);
      const now = this.clock.now();
      if (invitation.status !== 'pending') throw notPending();
      if (invitation.expiresAt.getTime() <= now.getTime()) throw new AdminException(AdminErrorCode.InvitationExpired, 'This invitation has expired: send a new one.', HttpStatus.GONE);
      await this.jobs.enqueue(JobName.InvitationMail, { invitationId }, { jobId: `invitation-${invitationId}-${now.getTime()}` });
      return toInvitationResponse(invitation, now);
    });
  }

  private async emailInUse(email: string): Promise<boolean> {
    const rows: unknown[] = await sql(this.tx, `SELECT 1 FROM app_user WHERE lower(email) = lower($1) AND status = 'active' LIMIT 1`, [email]);
    return rows.length > 0;
  }

  private async require(id: string, lock = false): Promise<InvitationRecord> {
    const invitation = await this.invitations.findById(id, { lock });
    if (!invitation) throw new AdminException(AdminErrorCode.InvitationNotFound, 'No such invitation.', HttpStatus.NOT_FOUND);
    return invitation;
  }
}

function decodeTimeKey(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const value = decodeCursor(cursor);
  if (!value || typeof value.t !== 'number' || !Number.isFinite(value.t) || !isUuid(value.id)) throw AdminException.invalidCursor();
  return { at: new Date(value.t), id: value.id };
}

function mailNotConfigured(): AdminException {
  return new AdminException(AdminErrorCode.MailNotConfigured, 'Outgoing mail is not configured (SMTP_URL): invitations cannot be sent.', HttpStatus.CONFLICT);
}

function notPending(): AdminException {
  return new AdminException(AdminErrorCode.InvitationInvalid, 'This invitation was already accepted or revoked.', HttpStatus.CONFLICT);
}
