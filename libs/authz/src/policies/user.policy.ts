import { Permission } from '@enclave/contracts';
import { tagSubject, type AppRule, type TaggedSubject } from '../ability/app-ability.js';
import type { SqlFieldMap } from '../sql/sql-fields.js';
import type { Policy, PolicyContext } from './policy.js';

/** A user account as a subject of administration or of a DM, relative to the actor. */
export interface UserAttributes {
  readonly id: string;
  readonly status?: string;
  /** Holds any role beyond member/guest (an administrator of something). */
  readonly privileged?: boolean;
  readonly self?: boolean;
  /** Shares at least one conversation with the actor. */
  readonly sharesConversation?: boolean;
}

export function userSubject(attributes: UserAttributes): TaggedSubject<'User'> {
  return tagSubject('User', attributes);
}

/** Account administration verbs that change someone's account. */
const ADMIN_ACTIONS: ReadonlyArray<readonly [Permission, string]> = [
  [Permission.UserUpdate, 'update'],
  [Permission.UserDeactivate, 'deactivate'],
  [Permission.UserDelete, 'delete'],
  [Permission.UserResetPassword, 'resetPassword'],
  [Permission.UserResetMfa, 'resetMfa'],
  [Permission.UserForceLogout, 'revokeSessions'],
];

/**
 * Users: the admin directory and account actions, the people directory, and whom you may DM.
 *
 * Account actions on privileged users (anyone holding a role beyond member/guest) need
 * `user.roles.assign` too: otherwise a user manager could reset a system administrator's
 * password and sign in as them. Guests may look up and DM only people they already share a
 * conversation with (and themselves).
 */
export const userPolicy: Policy = {
  subject: 'User',
  checks: {
    [Permission.UserRead]: ['read', 'User'],
    [Permission.UserCreate]: ['create', 'User'],
    [Permission.UserInvite]: ['invite', 'User'],
    [Permission.UserImport]: ['import', 'User'],
    [Permission.UserDirectoryRead]: ['lookup', 'User'],
    [Permission.DirectMessageCreate]: ['directMessage', 'User'],
    [Permission.GroupMessageCreate]: ['groupMessage', 'User'],
    ...Object.fromEntries(ADMIN_ACTIONS.map(([permission, action]) => [permission, [action, 'User'] as const])),
  },
  rules(ctx: PolicyContext): AppRule[] {
    const has = (p: Permission) => ctx.permissions.has(p);
    const rules: AppRule[] = [];
    if (has(Permission.UserRead)) rules.push({ action: 'read', subject: 'User' });
    if (has(Permission.UserCreate)) rules.push({ action: 'create', subject: 'User' });
    if (has(Permission.UserInvite)) rules.push({ action: 'invite', subject: 'User' });
    if (has(Permission.UserImport)) rules.push({ action: 'import', subject: 'User' });
    const mayTouchPrivileged = has(Permission.UserAssignRoles);
    for (const [permission, action] of ADMIN_ACTIONS) {
      if (!has(permission)) continue;
      rules.push(mayTouchPrivileged ? { action, subject: 'User' } : { action, subject: 'User', conditions: { privileged: false } });
    }
    const restricted = [{ self: true }, { sharesConversation: true }];
    for (const [permission, action] of [
      [Permission.UserDirectoryRead, 'lookup'],
      [Permission.DirectMessageCreate, 'directMessage'],
      [Permission.GroupMessageCreate, 'groupMessage'],
    ] as const) {
      if (!has(permission)) continue;
      if (ctx.guest) for (const conditions of restricted) rules.push({ action, subject: 'User', conditions });
      else rules.push({ action, subject: 'User' });
    }
    return rules;
  },
};

/** Columns behind the User attributes, for `toSqlWhere` over `app_user <alias>`. */
export function userSqlFields(alias: string): SqlFieldMap {
  return {
    id: { sql: `${alias}.id`, cast: 'uuid' },
    status: { sql: `${alias}.status`, cast: 'text' },
    self: { sql: `(${alias}.id = CAST(:authz_actor AS uuid))`, cast: 'boolean' },
    privileged: { sql: privilegedSql(`${alias}.id`), cast: 'boolean' },
    sharesConversation: {
      sql: `EXISTS (SELECT 1 FROM conversation_member sa JOIN conversation_member sb ON sb.conversation_id = sa.conversation_id
                     WHERE sa.user_id = CAST(:authz_actor AS uuid) AND sb.user_id = ${alias}.id)`,
      cast: 'boolean',
    },
  };
}

/**
 * True when the user holds a role beyond member/guest, directly or through a group (or its
 * parent group). Shared by the SQL filter and the per-user subject loader so both agree.
 */
export function privilegedSql(id: string): string {
  return `(EXISTS (SELECT 1 FROM user_system_role pr WHERE pr.user_id = ${id} AND pr.role NOT IN ('member', 'guest'))
        OR EXISTS (SELECT 1 FROM user_group_member pgm JOIN user_group pg ON pg.id = pgm.group_id
                     JOIN authz_group_role pgr ON pgr.group_id = pg.id OR pgr.group_id = pg.parent_id
                    WHERE pgm.user_id = ${id} AND pgr.role NOT IN ('member', 'guest')))`;
}
