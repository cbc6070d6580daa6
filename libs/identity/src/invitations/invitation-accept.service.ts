import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditContext, AuditService } from '@enclave/audit';
import type { AcceptInvitationRequest, InvitationPreviewResponse, UserResponse } from '@enclave/contracts';
import { toAdminUserAudit } from '../admin-users/admin-user-response.mapper.js';
import { UserProvisioning } from '../admin-users/user-provisioning.service.js';
import { PasswordService } from '../credentials/password.service.js';
import { IdentityKeys } from '../crypto/identity-keys.service.js';
import { AdminErrorCode } from '../errors/admin-error-code.js';
import { AdminException } from '../errors/admin.exception.js';
import { toUserResponse } from '../users/user-response.mapper.js';
import type { InvitationRecord } from './invitation.record.js';
import { invitationMacMatches, parseInvitationToken } from './invitation-token.js';
import { InvitationsRepository } from './invitations.repository.js';

/**
 * The invitee's side (public routes): look at an invitation, accept it with a username and
 * password. Unknown, tampered, used and revoked links all answer INVITATION_INVALID; a link
 * past its time answers INVITATION_EXPIRED.
 */
@Injectable()
export class InvitationAcceptService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AuditContext) private readonly auditContext: AuditContext,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(IdentityKeys) private readonly keys: IdentityKeys,
    @Inject(InvitationsRepository) private readonly invitations: InvitationsRepository,
    @Inject(UserProvisioning) private readonly provisioning: UserProvisioning,
    @Inject(PasswordService) private readonly passwords: PasswordService,
  ) {}

  async preview(token: string): Promise<InvitationPreviewResponse> {
    const invitation = await this.usable(token);
    return { email: invitation.email, displayName: invitation.displayName, expiresAt: invitation.expiresAt.toISOString() };
  }

  /**
   * Creates the account (with the invitation's roles and groups, granted in the name of the
   * administrator who invited) and spends the invitation, in one transaction.
   */
  async accept(actor: Actor, request: AcceptInvitationRequest): Promise<UserResponse> {
    const checked = await this.usable(request.token);
    this.auditContext.setTarget('invitation', checked.id);
    const username = UserProvisioning.validUsername(request.username);
    // argon2 before taking the row lock: nothing waits on the hash.
    const passwordHash = await this.passwords.hashInitial(request.password, username);
    return this.tx.run(async () => {
      const invitation = await this.usable(request.token, true);
      const inviter: Actor = { ...actor, userId: invitation.invitedBy ?? undefined, sessionId: undefined };
      const user = await this.provisioning.createAccount(inviter, {
        username,
        displayName: request.displayName ?? invitation.displayName ?? username,
        email: invitation.email,
        passwordHash,
        roles: invitation.roles,
        groupIds: invitation.groupIds,
      });
      const now = this.clock.now();
      if (!(await this.invitations.setStatus(invitation.id, 'pending', 'accepted', { userId: user.id, at: now }))) throw AdminException.invitationInvalid();
      this.auditContext.identifyActor(user.id);
      this.auditContext.setBefore({ status: 'pending' });
      this.auditContext.setAfter({ status: 'accepted', userId: user.id });
      await this.audit.record({ ...actor, userId: user.id }, { action: AuditAction.UserCreated, target: { type: 'user', id: user.id }, outcome: 'success', after: toAdminUserAudit(user), details: { via: 'invitation', invitationId: invitation.id } });
      return toUserResponse(user);
    });
  }

  private async usable(token: string, lock = false): Promise<InvitationRecord> {
    const parsed = parseInvitationToken(token);
    if (!parsed) throw AdminException.invitationInvalid();
    const invitation = await this.invitations.findById(parsed.invitationId, { lock });
    if (!invitation || !invitationMacMatches(this.keys.invitationKey(), parsed, invitation.expiresAt) || invitation.status !== 'pending') {
      throw AdminException.invitationInvalid();
    }
    if (invitation.expiresAt.getTime() <= this.clock.nowMs()) {
      throw new AdminException(AdminErrorCode.InvitationExpired, 'This invitation has expired. Ask your administrator for a new one.', HttpStatus.GONE);
    }
    return invitation;
  }
}
