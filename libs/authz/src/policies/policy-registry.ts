import { ALL_PERMISSIONS, type Permission } from '@enclave/contracts';
import type { AppRule } from '../ability/app-ability.js';
import { accountPolicy } from './account.policy.js';
import { auditTrailPolicy } from './audit-trail.policy.js';
import { compliancePolicy } from './compliance.policy.js';
import { conversationPolicy } from './conversation.policy.js';
import { filePolicy } from './file.policy.js';
import { groupPolicy } from './group.policy.js';
import { meetingPolicy } from './meeting.policy.js';
import { messagePolicy } from './message.policy.js';
import type { PermissionCheck, Policy, PolicyContext } from './policy.js';
import { presencePolicy } from './presence.policy.js';
import { rolePolicy } from './role.policy.js';
import { schemePolicy } from './scheme.policy.js';
import { systemPolicy } from './system.policy.js';
import { typingPolicy } from './typing.policy.js';
import { userPolicy } from './user.policy.js';

export const POLICIES: readonly Policy[] = [
  conversationPolicy,
  messagePolicy,
  userPolicy,
  accountPolicy,
  groupPolicy,
  rolePolicy,
  schemePolicy,
  auditTrailPolicy,
  compliancePolicy,
  presencePolicy,
  typingPolicy,
  filePolicy,
  meetingPolicy,
  systemPolicy,
];

function collectChecks(): ReadonlyMap<Permission, PermissionCheck> {
  const checks = new Map<Permission, PermissionCheck>();
  for (const policy of POLICIES) {
    for (const [permission, check] of Object.entries(policy.checks) as Array<[Permission, PermissionCheck]>) {
      if (checks.has(permission)) throw new Error(`permission ${permission} is owned by two policies`);
      checks.set(permission, check);
    }
  }
  // Deny by default also at start-up: a permission no policy owns could never be granted.
  const missing = ALL_PERMISSIONS.filter((p) => !checks.has(p));
  if (missing.length > 0) throw new Error(`no policy owns ${missing.join(', ')}`);
  return checks;
}

/** For each permission, the (action, subject type) the guard asks CASL about. */
export const PERMISSION_CHECKS = collectChecks();

/** Every rule the actor's permissions produce, in policy order. */
export function rulesFor(ctx: PolicyContext): AppRule[] {
  return POLICIES.flatMap((policy) => policy.rules(ctx));
}
