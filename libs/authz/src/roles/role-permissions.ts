import { isPermission, type Permission } from '@enclave/contracts';
import type { ActorAbility } from '../ability/actor-ability.js';
import { AuthzErrorCode } from '../errors/authz-error-code.js';
import { AuthzException, markDenied } from '../errors/authz.exception.js';
import { BUILT_IN_ROLE_PERMISSIONS, isBuiltInRole } from './built-in-roles.js';

/** What a role grants: built-in roles from code, custom ones as stored. */
export function permissionsOfRole(role: { readonly name: string; readonly builtIn: boolean; readonly permissions: readonly string[] }): Permission[] {
  if (role.builtIn && isBuiltInRole(role.name)) return [...BUILT_IN_ROLE_PERMISSIONS[role.name]].sort();
  return role.permissions.filter(isPermission).sort();
}

/**
 * Nobody hands out (or takes away, or defines) more than they hold: otherwise anyone allowed
 * to assign roles could make themselves system administrator. 403 AUTHZ_ESCALATION naming
 * the permissions the actor lacks.
 */
export function assertWithinActor(ability: ActorAbility, permissions: Iterable<Permission>): void {
  const lacking = [...new Set(permissions)].filter((p) => !ability.permissions.has(p));
  if (lacking.length > 0) {
    throw markDenied(
      new AuthzException(AuthzErrorCode.Escalation, 'You cannot grant, revoke or define permissions you do not hold yourself.', { permissions: lacking.sort() }),
      'role.escalation',
    );
  }
}
