import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock, newId, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { canonicalLocale, canonicalTimeZone, isValidDisplayName, isValidUsername, normaliseUsername } from '@enclave/contracts';
import { AdminAuthorizer } from '../admin-access/admin-authorizer.js';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { AdminErrorCode } from '../errors/admin-error-code.js';
import { AdminException } from '../errors/admin.exception.js';
import { IdentityErrorCode } from '../errors/identity-error-code.js';
import { IdentityException } from '../errors/identity.exception.js';
import { GroupChannelSync } from '../groups/group-channel-sync.service.js';
import { GroupsRepository } from '../groups/groups.repository.js';
import { RoleAssignments } from '../roles/role-assignments.js';
import { UsersRepository } from '../users/users.repository.js';
import type { AdminUserRecord } from './admin-user.record.js';
import { AdminUsersRepository } from './admin-users.repository.js';

export interface NewAccount {
  readonly username: string;
  readonly displayName: string;
  readonly email?: string | null;
  /** From PasswordService.hashInitial, computed before the transaction. */
  readonly passwordHash?: string;
  readonly mustChangePassword?: boolean;
  readonly locale?: string;
  readonly timeZone?: string;
  readonly roles?: readonly string[];
  readonly groupIds?: readonly string[];
  /** The caller checked the groups exist (imports plan against them); a vanished one still fails the insert. */
  readonly groupsChecked?: boolean;
}

/**
 * Creates accounts for account administration (admin create, invitation accept, CSV import):
 * the user row, an optional password, roles (through authz) and groups (with their channels).
 * Writes no audit record itself — each caller records what it did in its own terms — and
 * joins the caller's transaction.
 */
@Injectable()
export class UserProvisioning {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AdminUsersRepository) private readonly adminUsers: AdminUsersRepository,
    @Inject(CredentialsRepository) private readonly credentials: CredentialsRepository,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(GroupChannelSync) private readonly sync: GroupChannelSync,
    @Inject(RoleAssignments) private readonly roles: RoleAssignments,
    @Inject(AdminAuthorizer) private readonly authorizer: AdminAuthorizer,
  ) {}

  /** USERNAME_INVALID unless the (normalised) name is a valid username; returns it. */
  static validUsername(input: string): string {
    const username = normaliseUsername(input);
    if (!isValidUsername(username)) {
      throw new IdentityException(IdentityErrorCode.UsernameInvalid, 'Usernames are 3-32 characters of a-z, 0-9, ".", "_" or "-".', HttpStatus.BAD_REQUEST);
    }
    return username;
  }

  async createAccount(actor: Actor, account: NewAccount): Promise<AdminUserRecord> {
    const username = UserProvisioning.validUsername(account.username);
    const displayName = account.displayName.trim() || username;
    if (!isValidDisplayName(displayName)) throw new IdentityException(IdentityErrorCode.UsernameInvalid, 'The display name is not valid.', HttpStatus.BAD_REQUEST);
    return this.tx.run(async () => {
      if (!account.groupsChecked) await this.requireGroups(account.groupIds ?? []);
      const id = newId();
      const now = this.clock.now();
      const inserted = await this.users.insert(
        {
          id,
          username,
          email: account.email ?? null,
          displayName,
          locale: canonicalLocale(account.locale ?? 'en') ?? 'en',
          timeZone: canonicalTimeZone(account.timeZone ?? 'UTC') ?? 'UTC',
        },
        now,
      );
      if (!inserted) throw new IdentityException(IdentityErrorCode.UsernameTaken, 'This username is already taken.', HttpStatus.CONFLICT);
      if (account.passwordHash) {
        await this.credentials.insert(id, account.passwordHash, now);
        if (account.mustChangePassword) await this.adminUsers.setMustChangePassword(id, true, now);
      }
      if (account.roles && account.roles.length > 0) await this.roles.setUserRoles(actor, id, account.roles);
      await this.joinGroups(actor, id, account.groupIds ?? []);
      return this.require(id);
    });
  }

  /** Adds the user to each group (and so to the groups' channels). An unknown group fails the insert (foreign key). */
  async joinGroups(actor: Actor, userId: string, groupIds: readonly string[]): Promise<void> {
    for (const groupId of [...groupIds].sort()) {
      const added = await this.groups.addMembers(groupId, [userId], this.clock.now());
      await this.sync.afterMembersAdded(actor, groupId, added);
    }
    if (groupIds.length > 0) await this.authorizer.abilitiesChanged([userId]);
  }

  /** Leaves each group (and the channels only groups gave). */
  async leaveGroups(actor: Actor, userId: string, groupIds: readonly string[]): Promise<void> {
    let changed = false;
    for (const groupId of groupIds) changed = (await this.groups.removeMember(groupId, userId)) || changed;
    if (!changed) return;
    await this.sync.reconcileUser(actor, userId);
    await this.authorizer.abilitiesChanged([userId]);
  }

  async requireGroups(groupIds: readonly string[]): Promise<void> {
    const existing = await this.groups.existingIds(groupIds);
    const missing = groupIds.filter((id) => !existing.has(id));
    if (missing.length > 0) throw new AdminException(AdminErrorCode.GroupNotFound, 'Some groups do not exist.', HttpStatus.NOT_FOUND, { groupIds: missing });
  }

  private async require(id: string): Promise<AdminUserRecord> {
    const user = await this.adminUsers.findById(id);
    if (!user) throw AdminException.userNotFound();
    return user;
  }
}
