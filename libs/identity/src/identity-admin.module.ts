import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { Clock, SystemClock } from '@enclave/core';
import { TemporaryAdminGuard } from './admin-access/temporary-admin.guard.js';
import { AccountAccessService } from './admin-users/account-access.service.js';
import { AdminUserActionsController } from './admin-users/admin-user-actions.controller.js';
import { AdminUsersController } from './admin-users/admin-users.controller.js';
import { AdminUsersRepository } from './admin-users/admin-users.repository.js';
import { AdminUsersService } from './admin-users/admin-users.service.js';
import { UserLifecycleService } from './admin-users/user-lifecycle.service.js';
import { UserProvisioning } from './admin-users/user-provisioning.service.js';
import { GroupChannelSync } from './groups/group-channel-sync.service.js';
import { GroupChannelsRepository } from './groups/group-channels.repository.js';
import { GroupMembersController } from './groups/group-members.controller.js';
import { GroupsController } from './groups/groups.controller.js';
import { GroupsRepository } from './groups/groups.repository.js';
import { GroupsService } from './groups/groups.service.js';
import { RoleAssignments } from './roles/role-assignments.js';

export interface IdentityAdminModuleOptions {
  /**
   * The same IdentityModule instance the app imports (its repositories and SessionsService),
   * and MessagingModule (channel membership that follows groups).
   */
  readonly imports: NonNullable<ModuleMetadata['imports']>;
}

/**
 * Account administration under /api/v1/admin: users (search, create, edit, deactivate, erase,
 * password and MFA reset, force logout, roles), invitations, CSV imports, groups and console
 * statistics. A module of its own so that IdentityModule (sign-in, used by every app and test)
 * does not need messaging, jobs or mail. Expects the global ConfigModule, DatabaseModule,
 * AuditModule and JobsModule.
 */
@Module({})
export class IdentityAdminModule {
  static forRoot(options: IdentityAdminModuleOptions): DynamicModule {
    return {
      module: IdentityAdminModule,
      imports: [...options.imports],
      controllers: [AdminUsersController, AdminUserActionsController, GroupsController, GroupMembersController],
      providers: [
        // Tests override Clock to move time (invitation expiry, statistics days).
        { provide: Clock, useClass: SystemClock },
        TemporaryAdminGuard,
        RoleAssignments,
        AdminUsersRepository,
        GroupsRepository,
        GroupChannelsRepository,
        GroupChannelSync,
        UserProvisioning,
        AdminUsersService,
        UserLifecycleService,
        AccountAccessService,
        GroupsService,
      ],
      exports: [UserLifecycleService],
    };
  }
}
