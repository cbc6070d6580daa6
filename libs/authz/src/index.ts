// The public surface of @enclave/authz. Everything else is internal to the library.
export { AuthzModule } from './authz.module.js';
export { AUTHZ_REDIS, type AuthzModuleOptions } from './authz.tokens.js';
export { AuthzErrorCode } from './errors/authz-error-code.js';
export { AuthzException, markDenied, deniedPermission } from './errors/authz.exception.js';
export type { AppAbility, AuthzSubject, AuthzSubjectType } from './ability/app-ability.js';
export { ActorAbility } from './ability/actor-ability.js';
export { AbilityService } from './ability/ability.service.js';
export { AuthzInvalidation } from './invalidation/authz-invalidation.service.js';
export { RequirePermission, REQUIRED_PERMISSIONS } from './guard/require-permission.decorator.js';
export { RoleAssignmentService } from './assignments/role-assignment.service.js';
export { SchemeService } from './schemes/scheme.service.js';
export { ConversationSubjects, type ConversationFactsInput } from './subjects/conversation-subjects.service.js';
export { UserSubjects, type UserSubject } from './subjects/user-subjects.service.js';
export { toSqlWhere, toPositionalSql, type SqlCondition, type ToSqlOptions } from './sql/to-sql-where.js';
export type { SqlField, SqlFieldMap } from './sql/sql-fields.js';
export { conversationSubject, type ConversationAttributes } from './policies/conversation.policy.js';
export { messageSubject, type MessageAttributes } from './policies/message.policy.js';
export { userSubject, type UserAttributes } from './policies/user.policy.js';
export { roleSubject, type RoleAttributes } from './policies/role.policy.js';
export { PERMISSION_CHECKS } from './policies/policy-registry.js';
export { BuiltInRole, BUILT_IN_ROLE_PERMISSIONS, isBuiltInRole } from './roles/built-in-roles.js';
export {
  CHANNEL_ROLES,
  CHANNEL_SCOPED_PERMISSIONS,
  BUILT_IN_DEFAULT_SCHEME,
  DIRECT_CONVERSATION_GRANTS,
  isChannelScoped,
  type ChannelRole,
  type SchemeGrants,
} from './roles/channel-permissions.js';
export { permissionsOfRole } from './roles/role-permissions.js';
export { collectPermissionMap, type PermissionMapEntry } from './discovery/permission-map.js';
