import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Clock, SystemClock } from '@enclave/core';
import { AbilityCacheHolder } from './ability/ability-cache.holder.js';
import { AbilityFactory } from './ability/ability.factory.js';
import { AbilityService } from './ability/ability.service.js';
import { GrantsRepository } from './ability/grants.repository.js';
import { RoleAssignmentRepository } from './assignments/role-assignment.repository.js';
import { RoleAssignmentService } from './assignments/role-assignment.service.js';
import { AUTHZ_OPTIONS, AUTHZ_REDIS, type AuthzModuleOptions } from './authz.tokens.js';
import { AuthzRedisConnection } from './authz-redis.connection.js';
import { DeniedAccessAuditor } from './guard/denied-access-auditor.js';
import { DeniedAuditInterceptor } from './guard/denied-audit.interceptor.js';
import { PoliciesGuard } from './guard/policies.guard.js';
import { ChannelSchemeController } from './http/channel-scheme.controller.js';
import { MyPermissionsController } from './http/my-permissions.controller.js';
import { PermissionSchemesController } from './http/permission-schemes.controller.js';
import { RoleGrantsController } from './http/role-grants.controller.js';
import { RolesController } from './http/roles.controller.js';
import { AuthzInvalidation } from './invalidation/authz-invalidation.service.js';
import { RolesRepository } from './roles/roles.repository.js';
import { RolesService } from './roles/roles.service.js';
import { ConversationFactsRepository } from './schemes/conversation-facts.repository.js';
import { SchemeCache } from './schemes/scheme.cache.js';
import { SchemeRepository } from './schemes/scheme.repository.js';
import { SchemeService } from './schemes/scheme.service.js';
import { ConversationSubjects } from './subjects/conversation-subjects.service.js';
import { UserSubjects } from './subjects/user-subjects.service.js';

const EXPORTED = [AbilityService, RoleAssignmentService, SchemeService, ConversationSubjects, UserSubjects, AuthzInvalidation];

/**
 * Authorisation: CASL abilities per session, the global PoliciesGuard (registered after the
 * access-token guard: import this module after IdentityModule), the denial audit, roles,
 * role grants and permission schemes with their REST API. Global, so feature libraries
 * inject AbilityService & co. without importing it. Expects the global ConfigModule,
 * DatabaseModule and AuditModule.
 */
@Module({})
export class AuthzModule {
  static forRoot(options: AuthzModuleOptions = {}): DynamicModule {
    return {
      module: AuthzModule,
      global: true,
      controllers: [RolesController, RoleGrantsController, PermissionSchemesController, ChannelSchemeController, MyPermissionsController],
      providers: [
        { provide: AUTHZ_OPTIONS, useValue: options },
        AuthzRedisConnection,
        { provide: AUTHZ_REDIS, inject: [AuthzRedisConnection], useFactory: (connection: AuthzRedisConnection) => connection.client },
        // Tests override Clock to move time (guest expiry, edit windows, cache TTL).
        { provide: Clock, useClass: SystemClock },
        { provide: APP_GUARD, useClass: PoliciesGuard },
        { provide: APP_INTERCEPTOR, useClass: DeniedAuditInterceptor },
        AbilityCacheHolder,
        AbilityFactory,
        GrantsRepository,
        SchemeCache,
        SchemeRepository,
        ConversationFactsRepository,
        RolesRepository,
        RoleAssignmentRepository,
        DeniedAccessAuditor,
        PoliciesGuard,
        RolesService,
        ...EXPORTED,
      ],
      exports: EXPORTED,
    };
  }
}
