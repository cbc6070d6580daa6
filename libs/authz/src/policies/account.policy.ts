import { Permission } from '@enclave/contracts';
import type { AppRule } from '../ability/app-ability.js';
import type { Policy, PolicyContext } from './policy.js';

const OWN: ReadonlyArray<readonly [Permission, string]> = [
  [Permission.ProfileReadOwn, 'read'],
  [Permission.ProfileUpdateOwn, 'update'],
  [Permission.SessionManageOwn, 'manageSessions'],
  [Permission.MfaManageOwn, 'manageMfa'],
];

/** Your own account (profile, sessions, MFA): always and only your own (`{ id: you }`). */
export const accountPolicy: Policy = {
  subject: 'Account',
  checks: Object.fromEntries(OWN.map(([permission, action]) => [permission, [action, 'Account'] as const])),
  rules: (ctx: PolicyContext): AppRule[] =>
    OWN.filter(([permission]) => ctx.permissions.has(permission)).map(([, action]) => ({ action, subject: 'Account', conditions: { id: ctx.userId } })),
};
