import type { Permission } from '@enclave/contracts';
import type { AppRule, AuthzSubjectType } from '../ability/app-ability.js';

/** What a policy needs to know about the actor to write its rules. */
export interface PolicyContext {
  readonly userId: string;
  readonly permissions: ReadonlySet<Permission>;
  /** The account's base role is `guest` (restricted to the conversations it is in). */
  readonly guest: boolean;
  /** How long after sending a message its author may still edit it; 0 = no limit. */
  readonly editWindowSeconds: number;
}

/** The (action, subject type) a route-level check of a permission asks CASL about. */
export type PermissionCheck = readonly [action: string, subject: AuthzSubjectType];

/**
 * One file per subject. `checks` names, for each permission the policy owns, the question the
 * guard asks ("can this actor delete some Message?"); `rules` turns the permissions the actor
 * holds into CASL rules with the conditions services then check against real resources.
 */
export interface Policy {
  readonly subject: AuthzSubjectType;
  readonly checks: Partial<Readonly<Record<Permission, PermissionCheck>>>;
  rules(ctx: PolicyContext): AppRule[];
}

/**
 * A policy whose permissions are plain capabilities with no conditions (administration areas):
 * holding the permission allows the action on every subject of the type.
 */
export function capabilityPolicy(subject: AuthzSubjectType, actions: Partial<Readonly<Record<Permission, string>>>): Policy {
  const entries = Object.entries(actions) as Array<[Permission, string]>;
  return {
    subject,
    checks: Object.fromEntries(entries.map(([permission, action]) => [permission, [action, subject] as const])),
    rules: (ctx) => entries.filter(([permission]) => ctx.permissions.has(permission)).map(([, action]) => ({ action, subject })),
  };
}
