/**
 * Every auditable action. Values are stored in the trail and read by auditors' tooling:
 * never change or reuse one; add new ones instead. Dotted `area.object.event`, lower case.
 */
export enum AuditAction {
  AuthLoginSucceeded = 'auth.login.succeeded',
  AuthLoginFailed = 'auth.login.failed',
  AuthLoginLockedOut = 'auth.login.locked_out',
  AuthLoginThrottled = 'auth.login.throttled',
  AuthLogout = 'auth.logout',
  AuthTokenRefreshed = 'auth.token.refreshed',
  AuthRefreshReuseDetected = 'auth.refresh_reuse_detected',
  SessionRevoked = 'session.revoked',
  MfaEnrolmentStarted = 'mfa.enrolment.started',
  MfaEnabled = 'mfa.enabled',
  MfaDisabled = 'mfa.disabled',
  MfaRecoveryCodeUsed = 'mfa.recovery_code.used',
  MfaRecoveryCodesRegenerated = 'mfa.recovery_codes.regenerated',
  UserCreated = 'user.created',
  UserUpdated = 'user.updated',
  UserPasswordChanged = 'user.password.changed',
  SystemAdminBootstrapped = 'system.admin.bootstrapped',
  AccessDenied = 'access.denied',
  AuditExported = 'audit.exported',
  AuditVerified = 'audit.verified',
  MessagingChannelCreated = 'messaging.channel.created',
  MessagingChannelRenamed = 'messaging.channel.renamed',
  MessagingChannelArchived = 'messaging.channel.archived',
  MessagingChannelUnarchived = 'messaging.channel.unarchived',
  MessagingChannelMemberRemoved = 'messaging.channel.member_removed',
  MessagingMessageDeletedByModerator = 'messaging.message.deleted_by_moderator',
  UserDeactivated = 'user.deactivated',
  UserReactivated = 'user.reactivated',
  UserErased = 'user.erased',
  UserPasswordReset = 'user.password.reset',
  UserMfaReset = 'user.mfa.reset',
  UserSessionsRevoked = 'user.sessions.revoked',
  UserInvited = 'user.invited',
  UserInvitationResent = 'user.invitation.resent',
  UserInvitationRevoked = 'user.invitation.revoked',
  UserInvitationAccepted = 'user.invitation.accepted',
  UserImportValidated = 'user.import.validated',
  UserImportApplied = 'user.import.applied',
  UserImportCompleted = 'user.import.completed',
  GroupCreated = 'group.created',
  GroupUpdated = 'group.updated',
  GroupMembersAdded = 'group.members.added',
  GroupMemberRemoved = 'group.member.removed',
  GroupChannelLinked = 'group.channel.linked',
  GroupChannelUnlinked = 'group.channel.unlinked',
}

/** One line per action; audit/README.md shows this table (`npm run audit -- catalogue`). */
export const AUDIT_ACTION_DESCRIPTIONS: Readonly<Record<AuditAction, string>> = {
  [AuditAction.AuthLoginSucceeded]: 'A user signed in with valid credentials (and MFA when enabled).',
  [AuditAction.AuthLoginFailed]: 'A sign-in attempt failed: unknown user, wrong password or wrong MFA code.',
  [AuditAction.AuthLoginLockedOut]: 'An account was locked after too many failed sign-ins, or a sign-in hit a locked account.',
  [AuditAction.AuthLoginThrottled]: 'A sign-in attempt was refused because its IP address exceeded the attempt rate.',
  [AuditAction.AuthLogout]: 'A user signed out, ending their session.',
  [AuditAction.AuthTokenRefreshed]: 'A session exchanged its refresh token for a new access token.',
  [AuditAction.AuthRefreshReuseDetected]: 'An already-used refresh token was presented; the session was revoked as likely stolen.',
  [AuditAction.SessionRevoked]: 'A session was revoked by its user or an administrator.',
  [AuditAction.MfaEnrolmentStarted]: 'A user began enrolling a TOTP authenticator.',
  [AuditAction.MfaEnabled]: 'A user confirmed a TOTP authenticator; MFA is now required for them.',
  [AuditAction.MfaDisabled]: 'MFA was turned off for a user.',
  [AuditAction.MfaRecoveryCodeUsed]: 'A one-time recovery code was used in place of a TOTP code.',
  [AuditAction.MfaRecoveryCodesRegenerated]: 'A user replaced their recovery codes; the old ones stopped working.',
  [AuditAction.UserCreated]: 'A user account was created.',
  [AuditAction.UserUpdated]: 'A user profile or account status was changed.',
  [AuditAction.UserPasswordChanged]: 'A user password was changed or reset.',
  [AuditAction.SystemAdminBootstrapped]: 'The first administrator account was created on first start.',
  [AuditAction.AccessDenied]: 'A request was refused for lack of permission.',
  [AuditAction.AuditExported]: 'A range of the audit trail was exported to a signed file.',
  [AuditAction.AuditVerified]: 'The audit chain was verified.',
  [AuditAction.MessagingChannelCreated]: 'A public or private channel was created.',
  [AuditAction.MessagingChannelRenamed]: 'A channel was renamed.',
  [AuditAction.MessagingChannelArchived]: 'A channel was archived (it became read-only).',
  [AuditAction.MessagingChannelUnarchived]: 'An archived channel was reopened.',
  [AuditAction.MessagingChannelMemberRemoved]: 'A member was removed from a channel by a channel admin or an administrator.',
  [AuditAction.MessagingMessageDeletedByModerator]: 'A message was deleted by someone other than its author (a channel admin or an administrator).',
  [AuditAction.UserDeactivated]: 'An administrator deactivated an account: its sessions were revoked and its connections closed; its messages stay.',
  [AuditAction.UserReactivated]: 'An administrator re-enabled a deactivated account (old sessions stay revoked).',
  [AuditAction.UserErased]: 'An account was pseudonymised on an erasure request (the reason is in details); its messages stay under the pseudonym.',
  [AuditAction.UserPasswordReset]: 'An administrator reset a password; the user must choose a new one at next sign-in.',
  [AuditAction.UserMfaReset]: "An administrator removed a user's MFA enrolment and recovery codes.",
  [AuditAction.UserSessionsRevoked]: 'An administrator signed a user out of every session.',
  [AuditAction.UserInvited]: 'An administrator invited someone by email.',
  [AuditAction.UserInvitationResent]: 'An invitation mail was sent again.',
  [AuditAction.UserInvitationRevoked]: 'A pending invitation was withdrawn; its link stopped working.',
  [AuditAction.UserInvitationAccepted]: 'An invitation was accepted and its account created.',
  [AuditAction.UserImportValidated]: 'A CSV user import was uploaded and checked (dry run); nothing changed yet.',
  [AuditAction.UserImportApplied]: 'An administrator started applying a validated user import.',
  [AuditAction.UserImportCompleted]: 'A user import finished (counts of created, updated, unchanged and failed rows in details).',
  [AuditAction.GroupCreated]: 'A user group was created.',
  [AuditAction.GroupUpdated]: 'A user group was renamed.',
  [AuditAction.GroupMembersAdded]: 'Users were added to a group (and to the channels linked to it).',
  [AuditAction.GroupMemberRemoved]: 'A user was removed from a group (and from channels only the group gave them).',
  [AuditAction.GroupChannelLinked]: 'A channel was linked to a group: its membership follows the group.',
  [AuditAction.GroupChannelUnlinked]: 'A channel was unlinked from a group; memberships only the group gave were removed.',
};

const ACTIONS = new Set<string>(Object.values(AuditAction));

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && ACTIONS.has(value);
}

/** The catalogue as a Markdown table, in declaration order (README and `audit catalogue`). */
export function auditCatalogueMarkdown(): string {
  const rows = Object.values(AuditAction).map((action) => `| \`${action}\` | ${AUDIT_ACTION_DESCRIPTIONS[action].replace(/\|/g, '\\|')} |`);
  return ['| Action | Meaning |', '|---|---|', ...rows].join('\n');
}
