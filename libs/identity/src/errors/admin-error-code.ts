/**
 * Stable error codes of account administration (users, invitations, imports, groups). Values
 * are part of the public API (the admin console branches on them): never change or reuse one.
 * USERNAME_TAKEN and the password codes come from IdentityErrorCode.
 */
export enum AdminErrorCode {
  UserNotFound = 'ADMIN_USER_NOT_FOUND',
  CannotTargetSelf = 'ADMIN_CANNOT_TARGET_SELF',
  UserErased = 'ADMIN_USER_ERASED',
  UserAlreadyDeactivated = 'ADMIN_USER_ALREADY_DEACTIVATED',
  UserNotDeactivated = 'ADMIN_USER_NOT_DEACTIVATED',
  /** Deactivating or erasing the only active system administrator would lock everyone out. */
  LastSystemAdmin = 'ADMIN_LAST_SYSTEM_ADMIN',
  /** A sync path tried to re-enable an account an administrator deactivated. */
  DeactivatedByAdmin = 'ACCOUNT_DEACTIVATED_BY_ADMIN',
  ErasureReasonRequired = 'ERASURE_REASON_REQUIRED',
  InvalidCursor = 'ADMIN_INVALID_CURSOR',
  RoleUnknown = 'ADMIN_ROLE_UNKNOWN',
  MfaNotEnabled = 'ADMIN_MFA_NOT_ENABLED',
  InvitationInvalid = 'INVITATION_INVALID',
  InvitationExpired = 'INVITATION_EXPIRED',
  InvitationNotFound = 'INVITATION_NOT_FOUND',
  InvitationEmailInUse = 'INVITATION_EMAIL_IN_USE',
  MailNotConfigured = 'MAIL_NOT_CONFIGURED',
  ImportTooLarge = 'IMPORT_TOO_LARGE',
  ImportInvalidCsv = 'IMPORT_INVALID_CSV',
  ImportNotFound = 'IMPORT_NOT_FOUND',
  ImportAlreadyApplied = 'IMPORT_ALREADY_APPLIED',
  ImportUnsupportedMediaType = 'IMPORT_UNSUPPORTED_MEDIA_TYPE',
  GroupNotFound = 'GROUP_NOT_FOUND',
  GroupNameTaken = 'GROUP_NAME_TAKEN',
  GroupNestingTooDeep = 'GROUP_NESTING_TOO_DEEP',
  GroupChannelInvalid = 'GROUP_CHANNEL_INVALID',
  GroupChannelNotLinked = 'GROUP_CHANNEL_NOT_LINKED',
  GroupMemberNotFound = 'GROUP_MEMBER_NOT_FOUND',
  GroupHasChildren = 'GROUP_HAS_CHILDREN',
}

/** Per-row codes in import reports (not HTTP errors: the import goes on with the next row). */
export enum ImportRowErrorCode {
  UsernameInvalid = 'IMPORT_ROW_INVALID_USERNAME',
  UsernameDuplicate = 'IMPORT_ROW_DUPLICATE_USERNAME',
  EmailInvalid = 'IMPORT_ROW_INVALID_EMAIL',
  DisplayNameInvalid = 'IMPORT_ROW_INVALID_DISPLAY_NAME',
  RoleUnknown = 'IMPORT_ROW_UNKNOWN_ROLE',
  GroupUnknown = 'IMPORT_ROW_UNKNOWN_GROUP',
  ColumnCount = 'IMPORT_ROW_COLUMN_COUNT',
  UserErased = 'IMPORT_ROW_USER_ERASED',
  Failed = 'IMPORT_ROW_FAILED',
}
