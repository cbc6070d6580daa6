import { Permission } from '@enclave/contracts';
import { tagSubject, type AppRule, type TaggedSubject } from '../ability/app-ability.js';
import type { Policy, PolicyContext } from './policy.js';

export interface RoleAttributes {
  readonly name: string;
  readonly builtIn: boolean;
}

export function roleSubject(attributes: RoleAttributes): TaggedSubject<'Role'> {
  return tagSubject('Role', attributes);
}

/**
 * Roles: reading, defining custom ones (built-in roles never change), and granting them to
 * users and groups. That nobody grants or defines more than they hold themselves is checked
 * by the role services against the actor's permission set (a subset test CASL cannot express).
 */
export const rolePolicy: Policy = {
  subject: 'Role',
  checks: {
    [Permission.RoleRead]: ['read', 'Role'],
    [Permission.RoleManage]: ['manage', 'Role'],
    [Permission.UserAssignRoles]: ['assignToUser', 'Role'],
    [Permission.GroupAssignRoles]: ['assignToGroup', 'Role'],
  },
  rules(ctx: PolicyContext): AppRule[] {
    const has = (p: Permission) => ctx.permissions.has(p);
    const rules: AppRule[] = [];
    if (has(Permission.RoleRead)) rules.push({ action: 'read', subject: 'Role' });
    if (has(Permission.RoleManage)) {
      rules.push({ action: ['manage', 'create'], subject: 'Role' });
      rules.push({ action: ['update', 'delete'], subject: 'Role', conditions: { builtIn: false } });
    }
    if (has(Permission.UserAssignRoles)) rules.push({ action: 'assignToUser', subject: 'Role' });
    if (has(Permission.GroupAssignRoles)) rules.push({ action: 'assignToGroup', subject: 'Role' });
    return rules;
  },
};
