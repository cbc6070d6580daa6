import { HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import { CommonErrorCode, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { Permission } from '@enclave/contracts';
import { AbilityService, UserSubjects, toPositionalSql, toSqlWhere } from '@enclave/authz';
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
 *
 * TRANSITIONAL: authz's services are optional until AuthzModule is wired into the app; until
 * then the actor must hold system_admin or user_manager (TemporaryAdminGuard's rule).
 */
@Injectable()
export class AdminAuthorizer {
  constructor(
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Optional() @Inject(AbilityService) private readonly abilities?: AbilityService,
    @Optional() @Inject(UserSubjects) private readonly subjects?: UserSubjects,
  ) {}

  /** 404 ADMIN_USER_NOT_FOUND for unknown ids, 403 FORBIDDEN unless the actor may act on every one. */
  async assertUsers(actor: Actor, action: UserAdminAction, permission: Permission, userIds: readonly string[]): Promise<void> {
    if (!this.abilities || !this.subjects) return this.assertInterimAdmin(actor, userIds);
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
    if (rows.length === 0 || !this.abilities) return;
    const ability = await this.abilities.usable(actor);
    if (!ability.canExercise(Permission.UserAssignRoles)) {
      throw new IdentityException(CommonErrorCode.Forbidden, 'This group grants roles: adding members to it needs the right to assign roles.', HttpStatus.FORBIDDEN);
    }
  }

  /** The rows of `app_user u` the actor may read, or undefined when everything is readable. */
  async userListFilter(actor: Actor): Promise<UserListFilter | undefined> {
    if (!this.abilities) return undefined;
    const ability = await this.abilities.usable(actor);
    const condition = toSqlWhere(ability, 'read', 'User', 'u');
    return (first) => toPositionalSql(condition, first);
  }

  private async assertInterimAdmin(actor: Actor, userIds: readonly string[]): Promise<void> {
    const rows: unknown[] = await sql(
      this.tx,
      `SELECT 1 FROM user_system_role r JOIN app_user u ON u.id = r.user_id
        WHERE r.user_id = $1 AND r.role IN ('system_admin', 'user_manager') AND u.status = 'active' LIMIT 1`,
      [actor.userId ?? null],
    );
    if (rows.length === 0) throw new IdentityException(CommonErrorCode.Forbidden, 'Account administration requires an administrator role.', HttpStatus.FORBIDDEN);
    const found: Array<{ id: string }> = await sql(this.tx, `SELECT id FROM app_user WHERE id = ANY($1::uuid[])`, [userIds]);
    if (found.length < new Set(userIds).size) throw AdminException.userNotFound();
  }
}
