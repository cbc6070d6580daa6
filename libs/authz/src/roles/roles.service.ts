import { Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import {
  Permission,
  ROLE_NAME_PATTERN,
  type CreateRoleRequest,
  type RoleAssignmentsResponse,
  type RoleListResponse,
  type RoleResponse,
  type UpdateRoleRequest,
} from '@enclave/contracts';
import { AbilityService } from '../ability/ability.service.js';
import type { ActorAbility } from '../ability/actor-ability.js';
import { RoleAssignmentRepository } from '../assignments/role-assignment.repository.js';
import { AuthzErrorCode } from '../errors/authz-error-code.js';
import { AuthzException } from '../errors/authz.exception.js';
import { AuthzInvalidation } from '../invalidation/authz-invalidation.service.js';
import { roleSubject } from '../policies/role.policy.js';
import { validPermissions } from './permission-validation.js';
import { assertWithinActor, permissionsOfRole } from './role-permissions.js';
import { toRoleResponse } from './role-response.mapper.js';
import { RolesRepository, type RoleRecord } from './roles.repository.js';

/** Listed per role in the assignments view; beyond it, use the admin user list filtered by role. */
const MAX_LISTED_HOLDERS = 1000;

/**
 * Custom roles: any set of permissions, defined by administrators (never beyond their own
 * permissions). Built-in roles are listed but immutable. Every change is audited with
 * before/after in its transaction and invalidates every node's cached abilities after commit.
 */
@Injectable()
export class RolesService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AbilityService) private readonly abilities: AbilityService,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(RoleAssignmentRepository) private readonly grants: RoleAssignmentRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AuthzInvalidation) private readonly invalidation: AuthzInvalidation,
  ) {}

  async list(actor: Actor): Promise<RoleListResponse> {
    await this.authorise(actor, 'read', Permission.RoleRead);
    return { items: (await this.roles.list()).map(toRoleResponse) };
  }

  async get(actor: Actor, name: string): Promise<RoleResponse> {
    await this.authorise(actor, 'read', Permission.RoleRead);
    return toRoleResponse(await this.require(name));
  }

  async assignments(actor: Actor, name: string): Promise<RoleAssignmentsResponse> {
    await this.authorise(actor, 'read', Permission.RoleRead);
    const role = await this.require(name);
    return { role: role.name, ...(await this.grants.holders(role.name, MAX_LISTED_HOLDERS)) };
  }

  async create(actor: Actor, request: CreateRoleRequest): Promise<RoleResponse> {
    const ability = await this.authorise(actor, 'create', Permission.RoleManage);
    const name = request.name.trim();
    if (!ROLE_NAME_PATTERN.test(name)) {
      throw new AuthzException(AuthzErrorCode.RoleNameInvalid, 'Role names are 1-64 characters of a-z, 0-9, "_", "." or "-", starting with a letter or digit.');
    }
    const permissions = validPermissions(request.permissions);
    assertWithinActor(ability, permissions);
    const displayName = request.displayName.trim() || name;
    const description = request.description?.trim() ?? '';
    return this.tx.run(async () => {
      if (!(await this.roles.insert({ name, displayName, description, permissions }, this.clock.now()))) {
        throw new AuthzException(AuthzErrorCode.RoleExists, 'A role with this name already exists.', { role: name });
      }
      const created = await this.require(name);
      await this.audit.record(actor, { action: AuditAction.AuthzRoleCreated, target: { type: 'role', id: name }, outcome: 'success', after: roleJson(created) });
      return toRoleResponse(created);
    });
  }

  async update(actor: Actor, name: string, request: UpdateRoleRequest): Promise<RoleResponse> {
    const ability = await this.authorise(actor, 'manage', Permission.RoleManage);
    const permissions = request.permissions === undefined ? undefined : validPermissions(request.permissions);
    return this.tx.run(async () => {
      const before = await this.requireMutable(ability, name, 'update');
      // Changing a role changes what its holders may do: both the old and the new set must be within the actor's.
      assertWithinActor(ability, [...permissionsOfRole(before), ...(permissions ?? [])]);
      await this.roles.update(name, { displayName: request.displayName?.trim() || undefined, description: request.description?.trim(), permissions }, this.clock.now());
      const after = await this.require(name);
      await this.audit.record(actor, { action: AuditAction.AuthzRoleUpdated, target: { type: 'role', id: name }, outcome: 'success', before: roleJson(before), after: roleJson(after) });
      if (permissions !== undefined) await this.invalidation.everyoneChanged();
      return toRoleResponse(after);
    });
  }

  /** Deletes a custom role and every grant of it. */
  async delete(actor: Actor, name: string): Promise<void> {
    const ability = await this.authorise(actor, 'manage', Permission.RoleManage);
    await this.tx.run(async () => {
      const before = await this.requireMutable(ability, name, 'delete');
      assertWithinActor(ability, permissionsOfRole(before));
      const holders = await this.grants.holders(name, MAX_LISTED_HOLDERS);
      await this.roles.delete(name);
      await this.audit.record(actor, {
        action: AuditAction.AuthzRoleDeleted,
        target: { type: 'role', id: name },
        outcome: 'success',
        before: { ...roleJson(before), userIds: holders.userIds, groupIds: holders.groupIds },
      });
      await this.invalidation.everyoneChanged();
    });
  }

  private async authorise(actor: Actor, action: string, permission: Permission): Promise<ActorAbility> {
    const ability = await this.abilities.usable(actor);
    this.abilities.assert(ability, action, 'Role', permission);
    return ability;
  }

  private async require(name: string): Promise<RoleRecord> {
    const role = await this.roles.find(name);
    if (!role) throw AuthzException.roleNotFound(name);
    return role;
  }

  /** Locked for the rest of the transaction; built-in roles are AUTHZ_SYSTEM_ROLE_IMMUTABLE. */
  private async requireMutable(ability: ActorAbility, name: string, action: 'update' | 'delete'): Promise<RoleRecord> {
    const role = await this.roles.find(name, { lock: true });
    if (!role) throw AuthzException.roleNotFound(name);
    if (role.builtIn) throw new AuthzException(AuthzErrorCode.SystemRoleImmutable, 'Built-in roles cannot be changed or deleted.', { role: name });
    this.abilities.assert(ability, action, roleSubject({ name: role.name, builtIn: role.builtIn }), Permission.RoleManage);
    return role;
  }
}

function roleJson(role: RoleRecord): Record<string, unknown> {
  return { name: role.name, displayName: role.displayName, description: role.description, permissions: permissionsOfRole(role) };
}
