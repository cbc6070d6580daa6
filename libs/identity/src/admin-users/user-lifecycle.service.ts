import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditContext } from '@enclave/audit';
import { Permission, type AdminUserResponse, type DeactivateUserRequest, type EraseUserRequest } from '@enclave/contracts';
import { AdminAuthorizer } from '../admin-access/admin-authorizer.js';
import { AdminErrorCode } from '../errors/admin-error-code.js';
import { AdminException } from '../errors/admin.exception.js';
import { IdentityEvents } from '../events/identity-events.js';
import { GroupChannelSync } from '../groups/group-channel-sync.service.js';
import { GroupsRepository } from '../groups/groups.repository.js';
import { SessionRevocationReason } from '../sessions/session.record.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { toAdminUserAudit, toAdminUserResponse } from './admin-user-response.mapper.js';
import type { AdminUserRecord } from './admin-user.record.js';
import { AdminUsersRepository } from './admin-users.repository.js';
import { newPseudonym } from './pseudonym.js';

/**
 * Deactivate, reactivate, erase. Deactivation revokes every session (refresh tokens die with
 * them, access tokens at their next request) and, after commit, tells realtime to close the
 * user's sockets on every node; the account stops counting as a seat, its messages stay.
 * Erasure pseudonymises the account and keeps the messages retention or legal holds require.
 */
@Injectable()
export class UserLifecycleService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AuditContext) private readonly audit: AuditContext,
    @Inject(AdminUsersRepository) private readonly users: AdminUsersRepository,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(GroupChannelSync) private readonly sync: GroupChannelSync,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(IdentityEvents) private readonly events: IdentityEvents,
    @Inject(AdminAuthorizer) private readonly authorizer: AdminAuthorizer,
  ) {}

  async deactivate(actor: Actor, userId: string, request: DeactivateUserRequest): Promise<AdminUserResponse> {
    if (userId === actor.userId) throw AdminException.cannotTargetSelf('deactivate');
    await this.authorizer.assertUsers(actor, 'deactivate', Permission.UserDeactivate, [userId]);
    return this.tx.run(async () => {
      const before = await this.requireChangeable(userId);
      if (before.status !== 'active') throw new AdminException(AdminErrorCode.UserAlreadyDeactivated, 'This account is already deactivated.', HttpStatus.CONFLICT);
      await this.assertNotLastAdmin(before);
      await this.users.deactivate(userId, this.clock.now());
      const revoked = await this.sessions.revokeAll(actor, userId, SessionRevocationReason.UserDeactivated);
      await this.events.publishAfterCommit({ type: 'user.deactivated', userId });
      await this.authorizer.abilitiesChanged([userId]);
      const after = await this.require(userId);
      this.audit.setBefore(toAdminUserAudit(before));
      this.audit.setAfter(toAdminUserAudit(after));
      this.audit.addDetails({ sessionsRevoked: revoked.length, ...(request.reason ? { reason: request.reason } : {}) });
      return toAdminUserResponse(after);
    });
  }

  /** Restores sign-in (not the old sessions, which stay revoked). */
  async reactivate(actor: Actor, userId: string): Promise<AdminUserResponse> {
    await this.authorizer.assertUsers(actor, 'deactivate', Permission.UserDeactivate, [userId]);
    return this.tx.run(async () => {
      const before = await this.requireChangeable(userId);
      if (!(await this.users.reactivate(userId, 'admin', this.clock.now()))) {
        throw new AdminException(AdminErrorCode.UserNotDeactivated, 'This account is not deactivated.', HttpStatus.CONFLICT);
      }
      await this.authorizer.abilitiesChanged([userId]);
      // Group channels are reconciled: a channel linked to their group while the account was off.
      await this.sync.reconcileUser(actor, userId);
      const after = await this.require(userId);
      this.audit.setBefore(toAdminUserAudit(before));
      this.audit.setAfter(toAdminUserAudit(after));
      return toAdminUserResponse(after);
    });
  }

  /**
   * For directory sync (SCIM/LDAP): re-enables only accounts that sync itself deactivated.
   * An administrator's deactivation (`deactivated_by_admin`) wins: ACCOUNT_DEACTIVATED_BY_ADMIN.
   */
  async reactivateFromSync(_actor: Actor, userId: string): Promise<void> {
    await this.tx.run(async () => {
      const user = await this.requireChangeable(userId);
      if (user.status === 'active') return;
      if (user.deactivatedByAdmin || !(await this.users.reactivate(userId, 'sync', this.clock.now()))) {
        throw new AdminException(AdminErrorCode.DeactivatedByAdmin, 'An administrator deactivated this account; only an administrator can re-enable it.', HttpStatus.CONFLICT);
      }
    });
  }

  /**
   * Erasure request: the account is pseudonymised (username and display name become
   * `deleted-user-xxxxxxxx`, email and sign-in material removed, groups and roles left), its
   * sessions end, and its messages stay, shown under the pseudonym. The trail keeps the
   * original username next to the pseudonym — an identifier compliance needs to answer "what
   * happened to this person's account" — but not the name or email.
   */
  async erase(actor: Actor, userId: string, request: EraseUserRequest): Promise<AdminUserResponse> {
    const reason = request.reason?.trim();
    if (!reason) throw new AdminException(AdminErrorCode.ErasureReasonRequired, 'Say why the account is erased (the reason is kept in the audit trail).');
    if (userId === actor.userId) throw AdminException.cannotTargetSelf('erase');
    await this.authorizer.assertUsers(actor, 'delete', Permission.UserDelete, [userId]);
    return this.tx.run(async () => {
      const before = await this.requireChangeable(userId);
      await this.assertNotLastAdmin(before);
      const now = this.clock.now();
      const revoked = await this.sessions.revokeAll(actor, userId, SessionRevocationReason.UserErased);
      await this.groups.removeUserFromAll(userId);
      await this.sync.reconcileUser(actor, userId);
      await this.users.deleteAccessOf(userId);
      let pseudonym = newPseudonym();
      while (await this.users.isUsernameTaken(pseudonym)) pseudonym = newPseudonym();
      await this.users.pseudonymise(userId, pseudonym, now);
      await this.events.publishAfterCommit({ type: 'user.deactivated', userId });
      await this.authorizer.abilitiesChanged([userId]);
      const after = await this.require(userId);
      this.audit.setBefore({ username: before.username, status: before.status, roles: before.roles, groups: before.groups, mfaEnabled: before.mfaEnabled });
      this.audit.setAfter({ username: after.username, displayName: after.displayName, status: after.status, erasedAt: after.erasedAt?.toISOString() });
      this.audit.addDetails({ reason, sessionsRevoked: revoked.length });
      return toAdminUserResponse(after);
    });
  }

  private async assertNotLastAdmin(user: AdminUserRecord): Promise<void> {
    if (user.status === 'active' && user.roles.includes('system_admin') && !(await this.users.anotherActiveSystemAdmin(user.id))) {
      throw new AdminException(AdminErrorCode.LastSystemAdmin, 'This is the only active system administrator.', HttpStatus.CONFLICT);
    }
  }

  /** Locked for the rest of the transaction; erased accounts are final. */
  private async requireChangeable(userId: string): Promise<AdminUserRecord> {
    const user = await this.users.findById(userId, { lock: true });
    if (!user) throw AdminException.userNotFound();
    if (user.erasedAt) throw new AdminException(AdminErrorCode.UserErased, 'This account was erased and can no longer be changed.', HttpStatus.CONFLICT);
    return user;
  }

  private async require(userId: string): Promise<AdminUserRecord> {
    const user = await this.users.findById(userId);
    if (!user) throw AdminException.userNotFound();
    return user;
  }
}
