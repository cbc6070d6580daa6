import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { CommonErrorCode, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { Permission } from '@enclave/contracts';
import { AbilityService, AuthzInvalidation, UserSubjects, toPositionalSql, toSqlWhere } from '@enclave/authz';
import { sql } from '../database/sql.js';
import { AdminException } from '../errors/admin.exception.js';
import { IdentityException } from '../errors/identity.exception.js';

/** What an administrator does to an account, as authz's user policy names it. */
export type UserAdminAction = 'read' | 'update' | 'deactivate' | 'delete' | 'resetPassword' | 'resetMfa' | 'revokeSessions';

/** An extra WHERE condition over `app_user u`, numbered from the caller's next parameter. */
export type UserListFilter = (firstParam: number) => { sql: string; values: unknown[] };

/**
 * The second check of "deny by default, checked twice": after the route's @RequirePermission,
 * the specific accounts (in one batch) against the actor's CASL ability — a user manager may
 * not reset a system administrator's password — and the user list filtered in SQL by the
 * same ability.
 */
@Injectable()
export class AdminAuthorizer {
  constructor(
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AbilityService) private readonly abilities: AbilityService,
    @Inject(UserSubjects) private readonly subjects: UserSubjects,
    @Inject(AuthzInvalidation) private readonly invalidation: AuthzInvalidation,
  ) {}

  /**
   * These users' abilities depend on what just changed (groups and the roles they carry,
   * account state, guest expiry): every node drops its cached copy after commit.
   */
  async abilitiesChanged(userIds: readonly string[]): Promise<void> {
    await this.invalidation.usersChanged(userIds);
  }

  /** 404 ADMIN_USER_NOT_FOUND for unknown ids, 403 FORBIDDEN unless the actor may act on every one. */
  async assertUsers(actor: Actor, action: UserAdminAction, permission: Permission, userIds: readonly string[]): Promise<void> {
    const ability = await this.abilities.usable(actor);
    const subjects = await this.subjects.load(ability, userIds);
    for (const id of userIds) {
      const subject = subjects.get(id.toLowerCase());
      if (!subject) throw AdminException.userNotFound();
      this.abilities.assert(ability, action, subject, permission);
    }
  }

  /** Joining a group that grants roles beyond member/guest is a role assignment. */
  async assertMayJoinGroupRoles(actor: Actor, groupId: string): Promise<void> {
    const rows: Array<{ role: string }> = await sql(
      this.tx,
      `SELECT r.role FROM authz_group_role r JOIN user_group g ON r.group_id = g.id OR r.group_id = g.parent_id
        WHERE g.id = $1 AND r.role NOT IN ('member', 'guest') LIMIT 1`,
      [groupId],
    );
    if (rows.length === 0) return;
    const ability = await this.abilities.usable(actor);
    if (!ability.canExercise(Permission.GroupAssignRoles)) {
      throw new IdentityException(CommonErrorCode.Forbidden, 'This group grants roles: adding members to it needs the right to grant roles to groups.', HttpStatus.FORBIDDEN);
    }
  }

  /** The rows of `app_user u` the actor may read. */
  async userListFilter(actor: Actor): Promise<UserListFilter> {
    const ability = await this.abilities.usable(actor);
    const condition = toSqlWhere(ability, 'read', 'User', 'u');
    return (first) => toPositionalSql(condition, first);
  }
}
