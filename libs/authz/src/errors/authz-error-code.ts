/**
 * Stable error codes of the authz module. Values are part of the public API: never change one.
 * Permission denials themselves use the common FORBIDDEN.
 */
export enum AuthzErrorCode {
  RoleNotFound = 'AUTHZ_ROLE_NOT_FOUND',
  RoleExists = 'AUTHZ_ROLE_EXISTS',
  RoleNameInvalid = 'AUTHZ_ROLE_NAME_INVALID',
  UnknownPermission = 'AUTHZ_UNKNOWN_PERMISSION',
  PermissionNotSchemable = 'AUTHZ_PERMISSION_NOT_SCHEMABLE',
  SystemRoleImmutable = 'AUTHZ_SYSTEM_ROLE_IMMUTABLE',
  /** Granting, revoking or defining a role with permissions the actor does not hold. */
  Escalation = 'AUTHZ_ESCALATION',
  LastSystemAdmin = 'AUTHZ_LAST_SYSTEM_ADMIN',
  UserNotFound = 'AUTHZ_USER_NOT_FOUND',
  GroupNotFound = 'AUTHZ_GROUP_NOT_FOUND',
  ConversationNotFound = 'AUTHZ_CONVERSATION_NOT_FOUND',
  NotAChannel = 'AUTHZ_NOT_A_CHANNEL',
  AccountExpired = 'AUTHZ_ACCOUNT_EXPIRED',
}
