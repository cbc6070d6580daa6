import { Inject, Injectable } from '@nestjs/common';
import { AdminUsersRepository } from '../admin-users/admin-users.repository.js';
import { GroupsRepository } from '../groups/groups.repository.js';
import { RoleAssignments } from '../roles/role-assignments.js';
import type { ImportState } from './import-plan.js';
import type { ImportRow } from './import-rows.js';

const BATCH = 1000;

/** Loads what planning needs for a set of rows: a few batched statements, however many rows. */
@Injectable()
export class ImportStateLoader {
  constructor(
    @Inject(AdminUsersRepository) private readonly users: AdminUsersRepository,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(RoleAssignments) private readonly roles: RoleAssignments,
  ) {}

  async load(rows: readonly ImportRow[]): Promise<ImportState> {
    const users = new Map<string, Awaited<ReturnType<AdminUsersRepository['findByUsernames']>>[number]>();
    for (let i = 0; i < rows.length; i += BATCH) {
      for (const user of await this.users.findByUsernames(rows.slice(i, i + BATCH).map((r) => r.username))) users.set(user.username.toLowerCase(), user);
    }
    const groupNames = [...new Set(rows.flatMap((r) => r.groups ?? []))];
    const roleNames = [...new Set(rows.flatMap((r) => r.roles ?? []))];
    return {
      users,
      groupIds: await this.groups.idsByName(groupNames),
      unknownRoles: new Set(await this.roles.unknownRoles(roleNames)),
    };
  }
}
