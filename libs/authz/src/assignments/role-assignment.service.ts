import { Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import { Permission } from '@enclave/contracts';
import { AbilityService } from '../ability/ability.service.js';
import type { ActorAbility } from '../ability/actor-ability.js';
import { AuthzErrorCode } from '../errors/authz-error-code.js';
import { AuthzException } from '../errors/authz.exception.js';
import { AuthzInvalidation } from '../invalidation/authz-invalidation.service.js';
import { roleSubject } from '../policies/role.policy.js';
import { BuiltInRole } from '../roles/built-in-roles.js';
import { assertWithinActor, permissionsOfRole } from '../roles/role-permissions.js';
import { RolesRepository, type RoleRecord } from '../roles/roles.repository.js';
import { RoleAssignmentRepository } from './role-assignment.repository.js';

/** Beyond this many affected users a group change invalidates every cached ability instead of listing them. */
const MAX_TARGETED_INVALIDATION = 1000;

type Holder = 'user' | 'group';

/**
 * Who holds which role. The one place grants change: account administration calls it for
 * "assign roles" and "grant roles to groups", the role endpoints for per-role grants.
 * Every method checks the actor itself (deny by default, checked twice), refuses escalation
 * (AUTHZ_ESCALATION) and removing the last system administrator (AUTHZ_LAST_SYSTEM_ADMIN),
 * writes one audit record with before/after per user or group in the same transaction, and
 * invalidates the affected abilities on every node after commit.
 */
@Injectable()
export class RoleAssignmentService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AbilityService) private readonly abilities: AbilityService,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(RoleAssignmentRepository) private readonly assignments: RoleAssignmentRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AuthzInvalidation) private readonly invalidation: AuthzInvalidation,
  ) {}

  /**
   * Sets the complete set of roles a user holds directly (not a delta); returns it sorted.
   * Role names as in authz_role (`system_admin`, `guest`, custom names).
   */
  async assignToUser(actor: Actor, userId: string, roleNames: readonly string[]): Promise<string[]> {
    const ability = await this.authorise(actor, 'user');
    return this.tx.run(async () => {
      const wanted = await this.requireRoles(roleNames);
      if ((await this.assignments.lockUsers([userId])).size === 0) throw notFound('user');
      const before = (await this.assignments.userRoles([userId])).get(userId) ?? [];
      return this.applyUser(actor, ability, userId, before, [...wanted.keys()]);
    });
  }

  /** Sets the complete set of roles granted to a group (its members and its child groups' members hold them). */
  async grantToGroup(actor: Actor, groupId: string, roleNames: readonly string[]): Promise<string[]> {
    const ability = await this.authorise(actor, 'group');
    return this.tx.run(async () => {
      const wanted = await this.requireRoles(roleNames);
      if ((await this.assignments.lockGroups([groupId])).size === 0) throw notFound('group');
      const before = (await this.assignments.groupRoles([groupId])).get(groupId) ?? [];
      return this.applyGroup(actor, ability, groupId, before, [...wanted.keys()]);
    });
  }

  /** Grants one role to several users (those holding it already are unchanged). */
  async grantRoleToUsers(actor: Actor, roleName: string, userIds: readonly string[]): Promise<void> {
    await this.changeOne(actor, 'user', roleName, userIds, 'grant');
  }

  async revokeRoleFromUser(actor: Actor, roleName: string, userId: string): Promise<void> {
    await this.changeOne(actor, 'user', roleName, [userId], 'revoke');
  }

  async grantRoleToGroups(actor: Actor, roleName: string, groupIds: readonly string[]): Promise<void> {
    await this.changeOne(actor, 'group', roleName, groupIds, 'grant');
  }

  async revokeRoleFromGroup(actor: Actor, roleName: string, groupId: string): Promise<void> {
    await this.changeOne(actor, 'group', roleName, [groupId], 'revoke');
  }

  /** Roles a user holds directly (not through groups), sorted. */
  async rolesOfUser(userId: string): Promise<string[]> {
    return (await this.assignments.userRoles([userId])).get(userId) ?? [];
  }

  async rolesOfGroup(groupId: string): Promise<string[]> {
    return (await this.assignments.groupRoles([groupId])).get(groupId) ?? [];
  }

  private async changeOne(actor: Actor, holder: Holder, roleName: string, ids: readonly string[], change: 'grant' | 'revoke'): Promise<void> {
    const ability = await this.authorise(actor, holder);
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    await this.tx.run(async () => {
      await this.requireRoles([roleName]);
      const found = holder === 'user' ? await this.assignments.lockUsers(unique) : await this.assignments.lockGroups(unique);
      const missing = unique.filter((id) => !found.has(id));
      if (missing.length > 0) throw notFound(holder, missing);
      const current = holder === 'user' ? await this.assignments.userRoles(unique) : await this.assignments.groupRoles(unique);
      for (const id of unique) {
        const before = current.get(id) ?? [];
        const after = change === 'grant' ? [...new Set([...before, roleName])] : before.filter((r) => r !== roleName);
        if (holder === 'user') await this.applyUser(actor, ability, id, before, after);
        else await this.applyGroup(actor, ability, id, before, after);
      }
    });
  }

  private async applyUser(actor: Actor, ability: ActorAbility, userId: string, before: readonly string[], wanted: readonly string[]): Promise<string[]> {
    const { added, removed, after } = diff(before, wanted);
    if (added.length === 0 && removed.length === 0) return after;
    await this.assertMayChange(ability, [...added, ...removed]);
    const now = this.clock.now();
    await this.assignments.revokeFromUsers(removed.map((role) => ({ userId, role })));
    await this.assignments.grantToUsers(added.map((role) => ({ userId, role })), now);
    if (removed.includes(BuiltInRole.SystemAdmin)) await this.assertAdminRemains();
    await this.audit.record(actor, {
      action: AuditAction.AuthzUserRolesChanged,
      target: { type: 'user', id: userId },
      outcome: 'success',
      before: { roles: [...before].sort() },
      after: { roles: after },
      details: { added, removed },
    });
    await this.invalidation.usersChanged([userId]);
    return after;
  }

  private async applyGroup(actor: Actor, ability: ActorAbility, groupId: string, before: readonly string[], wanted: readonly string[]): Promise<string[]> {
    const { added, removed, after } = diff(before, wanted);
    if (added.length === 0 && removed.length === 0) return after;
    await this.assertMayChange(ability, [...added, ...removed]);
    const now = this.clock.now();
    await this.assignments.revokeFromGroups(removed.map((role) => ({ groupId, role })));
    await this.assignments.grantToGroups(added.map((role) => ({ groupId, role })), now);
    if (removed.includes(BuiltInRole.SystemAdmin)) await this.assertAdminRemains();
    await this.audit.record(actor, {
      action: AuditAction.AuthzGroupRolesChanged,
      target: { type: 'group', id: groupId },
      outcome: 'success',
      before: { roles: [...before].sort() },
      after: { roles: after },
      details: { added, removed },
    });
    const members = await this.assignments.membersOfGroups([groupId], MAX_TARGETED_INVALIDATION + 1);
    if (members.length > MAX_TARGETED_INVALIDATION) await this.invalidation.everyoneChanged();
    else await this.invalidation.usersChanged(members);
    return after;
  }

  /** The route check again, in the service: callers other than the REST edge reach it too. */
  private async authorise(actor: Actor, holder: Holder): Promise<ActorAbility> {
    const ability = await this.abilities.usable(actor);
    const action = holder === 'user' ? 'assignToUser' : 'assignToGroup';
    this.abilities.assert(ability, action, roleSubject({ name: '*', builtIn: false }), holder === 'user' ? Permission.UserAssignRoles : Permission.GroupAssignRoles);
    return ability;
  }

  private async assertMayChange(ability: ActorAbility, roleNames: readonly string[]): Promise<void> {
    const records = await this.roles.findMany(roleNames);
    assertWithinActor(ability, [...records.values()].flatMap(permissionsOfRole));
  }

  private async assertAdminRemains(): Promise<void> {
    if ((await this.assignments.activeSystemAdminCount()) === 0) {
      throw new AuthzException(AuthzErrorCode.LastSystemAdmin, 'At least one active account must remain a system administrator.');
    }
  }

  private async requireRoles(names: readonly string[]): Promise<Map<string, RoleRecord>> {
    const unique = [...new Set(names)];
    const found = await this.roles.findMany(unique);
    const missing = unique.filter((n) => !found.has(n));
    if (missing.length > 0) throw new AuthzException(AuthzErrorCode.RoleNotFound, 'Some roles do not exist.', { roles: missing.slice(0, 20) });
    return found;
  }
}

function diff(before: readonly string[], wanted: readonly string[]): { added: string[]; removed: string[]; after: string[] } {
  const had = new Set(before);
  const want = new Set(wanted);
  return {
    added: [...want].filter((r) => !had.has(r)).sort(),
    removed: [...had].filter((r) => !want.has(r)).sort(),
    after: [...want].sort(),
  };
}

function notFound(holder: Holder, ids?: readonly string[]): AuthzException {
  return holder === 'user'
    ? new AuthzException(AuthzErrorCode.UserNotFound, 'No such user.', ids ? { userIds: ids.slice(0, 20) } : undefined)
    : new AuthzException(AuthzErrorCode.GroupNotFound, 'No such group.', ids ? { groupIds: ids.slice(0, 20) } : undefined);
}
