import { ALL_PERMISSIONS, Permission } from '@enclave/contracts';
import { CHANNEL_SCOPED_PERMISSIONS } from './channel-permissions.js';

/** Names of the roles Enclave ships with; the rows exist in authz_role (migration 1764000004000). */
export enum BuiltInRole {
  SystemAdmin = 'system_admin',
  UserManager = 'user_manager',
  ComplianceOfficer = 'compliance_officer',
  Auditor = 'auditor',
  Member = 'member',
  Guest = 'guest',
}

const OWN_ACCOUNT: readonly Permission[] = [
  Permission.ProfileReadOwn,
  Permission.ProfileUpdateOwn,
  Permission.SessionManageOwn,
  Permission.MfaManageOwn,
];

/** Everyone who can chat, guests included, within the conversations they are in. */
const PARTICIPANT: readonly Permission[] = [
  ...OWN_ACCOUNT,
  Permission.ChannelRead,
  Permission.ChannelLeave,
  Permission.MessageRead,
  Permission.MessageCreate,
  Permission.MessageEditOwn,
  Permission.MessageDeleteOwn,
  Permission.MessageReact,
  Permission.MessagePin,
  Permission.MessageReadState,
  Permission.ThreadFollow,
  Permission.PresenceRead,
  Permission.PresenceSet,
  Permission.TypingSend,
  Permission.UserDirectoryRead,
  Permission.FileUpload,
  Permission.FileRead,
  Permission.MeetingJoin,
  // Guests may DM, but only people they already share a conversation with (user.policy.ts).
  Permission.DirectMessageCreate,
  Permission.GroupMessageCreate,
];

const MEMBER: readonly Permission[] = [
  ...new Set([
    ...PARTICIPANT,
    // The ceiling for everything a channel scheme can grant (channel admins of their own channels).
    ...CHANNEL_SCOPED_PERMISSIONS,
    Permission.ChannelCreatePublic,
    Permission.ChannelCreatePrivate,
    Permission.ChannelBrowse,
    Permission.ChannelJoin,
    Permission.MeetingStart,
    Permission.MeetingModerate,
  ]),
];

/** Accounts and groups only: no roles (assigning them would let a user manager make themselves admin). */
const USER_MANAGER: readonly Permission[] = [
  Permission.UserRead,
  Permission.UserCreate,
  Permission.UserInvite,
  Permission.UserUpdate,
  Permission.UserDeactivate,
  Permission.UserDelete,
  Permission.UserResetPassword,
  Permission.UserResetMfa,
  Permission.UserForceLogout,
  Permission.UserImport,
  Permission.GroupRead,
  Permission.GroupManage,
  Permission.RoleRead,
];

const COMPLIANCE_OFFICER: readonly Permission[] = [
  Permission.RetentionManage,
  Permission.LegalHoldManage,
  Permission.ComplianceExport,
  Permission.FlaggedContentReview,
  Permission.ComplianceArchiveRead,
];

/** Read-only: the trail and signed exports of it, nothing that changes state. */
const AUDITOR: readonly Permission[] = [Permission.AuditRead, Permission.AuditExport];

/**
 * What each built-in role grants. Roles add up; every active account also holds `member`
 * implicitly unless it is a guest (then `guest` is its base instead).
 */
export const BUILT_IN_ROLE_PERMISSIONS: Readonly<Record<BuiltInRole, readonly Permission[]>> = {
  [BuiltInRole.SystemAdmin]: ALL_PERMISSIONS,
  [BuiltInRole.UserManager]: USER_MANAGER,
  [BuiltInRole.ComplianceOfficer]: COMPLIANCE_OFFICER,
  [BuiltInRole.Auditor]: AUDITOR,
  [BuiltInRole.Member]: MEMBER,
  [BuiltInRole.Guest]: PARTICIPANT,
};

const BUILT_IN = new Set<string>(Object.values(BuiltInRole));

export function isBuiltInRole(name: string): name is BuiltInRole {
  return BUILT_IN.has(name);
}
