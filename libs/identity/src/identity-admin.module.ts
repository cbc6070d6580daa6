import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { Clock, SystemClock } from '@enclave/core';
import { AdminAuthorizer } from './admin-access/admin-authorizer.js';
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
import { InvitationAcceptController } from './invitations/invitation-accept.controller.js';
import { InvitationAcceptService } from './invitations/invitation-accept.service.js';
import { InvitationMailProcessor } from './invitations/invitation-mail.processor.js';
import { InvitationsController } from './invitations/invitations.controller.js';
import { InvitationsRepository } from './invitations/invitations.repository.js';
import { InvitationsService } from './invitations/invitations.service.js';
import { MailService } from './mail/mail.service.js';
import { RoleAssignments } from './roles/role-assignments.js';
import { AdminRolesController } from './roles/roles.controller.js';
import { StatisticsController } from './statistics/statistics.controller.js';
import { StatisticsRepository } from './statistics/statistics.repository.js';
import { StatisticsService } from './statistics/statistics.service.js';
import { CsvUploadPipe } from './user-import/csv-upload.pipe.js';
import { ImportRowApplier } from './user-import/import-row-applier.js';
import { ImportStateLoader } from './user-import/import-state.loader.js';
import { UserImportProcessor } from './user-import/user-import.processor.js';
import { UserImportsController } from './user-import/user-imports.controller.js';
import { UserImportsRepository } from './user-import/user-imports.repository.js';
import { UserImportsService } from './user-import/user-imports.service.js';

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
 * AuditModule, JobsModule and AuthzModule (route permissions, per-account checks, role grants).
 */
@Module({})
export class IdentityAdminModule {
  static forRoot(options: IdentityAdminModuleOptions): DynamicModule {
    return {
      module: IdentityAdminModule,
      imports: [...options.imports],
      controllers: [AdminUsersController, AdminUserActionsController, AdminRolesController, GroupsController, GroupMembersController, InvitationsController, InvitationAcceptController, UserImportsController, StatisticsController],
      providers: [
        // Tests override Clock to move time (invitation expiry, statistics days).
        { provide: Clock, useClass: SystemClock },
        AdminAuthorizer,
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
        MailService,
        InvitationsRepository,
        InvitationsService,
        InvitationAcceptService,
        InvitationMailProcessor,
        CsvUploadPipe,
        UserImportsRepository,
        ImportStateLoader,
        ImportRowApplier,
        UserImportsService,
        UserImportProcessor,
        StatisticsRepository,
        StatisticsService,
      ],
      exports: [UserLifecycleService],
    };
  }
}
