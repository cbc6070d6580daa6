/**
 * Every action Enclave can authorise, as stable dotted names. Values are stored in custom
 * roles and permission schemes: never rename one; add new ones at the end of their group.
 * Conditions (own vs any, member vs not) are expressed by CASL rules on top of these.
 */
export enum Permission {
  // Conversations
  ChannelCreatePublic = 'channel.create.public',
  ChannelCreatePrivate = 'channel.create.private',
  ChannelBrowse = 'channel.browse',
  ChannelRead = 'channel.read',
  ChannelJoin = 'channel.join',
  ChannelLeave = 'channel.leave',
  ChannelInvite = 'channel.invite',
  ChannelRemoveMember = 'channel.member.remove',
  ChannelRename = 'channel.rename',
  ChannelUpdate = 'channel.update',
  ChannelArchive = 'channel.archive',
  ChannelManageRoles = 'channel.roles.manage',
  ChannelManageScheme = 'channel.scheme.manage',
  DirectMessageCreate = 'dm.create',
  GroupMessageCreate = 'group_dm.create',
  /** Act as channel admin in every channel (see private ones, rename, archive, remove members, delete messages) without joining. */
  ChannelModerateAny = 'channel.moderate.any',

  // Messages
  MessageCreate = 'message.create',
  MessageRead = 'message.read',
  MessageEditOwn = 'message.edit.own',
  MessageDeleteOwn = 'message.delete.own',
  MessageDeleteAny = 'message.delete.any',
  MessageMentionChannel = 'message.mention.channel',
  MessageReact = 'message.react',
  MessagePin = 'message.pin',
  MessageReadState = 'message.read_state',
  ThreadFollow = 'thread.follow',

  // Realtime
  PresenceRead = 'presence.read',
  PresenceSet = 'presence.set',
  TypingSend = 'typing.send',

  // Own account
  ProfileReadOwn = 'profile.read.own',
  ProfileUpdateOwn = 'profile.update.own',
  SessionManageOwn = 'session.manage.own',
  MfaManageOwn = 'mfa.manage.own',
  UserDirectoryRead = 'user.directory.read',

  // Files and meetings
  FileUpload = 'file.upload',
  FileRead = 'file.read',
  MeetingStart = 'meeting.start',
  MeetingJoin = 'meeting.join',
  MeetingModerate = 'meeting.moderate',
  MeetingQualityRead = 'meeting.quality.read',

  // Account administration
  UserRead = 'user.read',
  UserCreate = 'user.create',
  UserInvite = 'user.invite',
  UserUpdate = 'user.update',
  UserDeactivate = 'user.deactivate',
  UserDelete = 'user.delete',
  UserResetPassword = 'user.password.reset',
  UserResetMfa = 'user.mfa.reset',
  UserForceLogout = 'user.sessions.revoke',
  UserImport = 'user.import',
  UserAssignRoles = 'user.roles.assign',
  GroupRead = 'group.read',
  GroupManage = 'group.manage',
  RoleRead = 'role.read',
  RoleManage = 'role.manage',
  SchemeManage = 'scheme.manage',
  StatisticsRead = 'statistics.read',
  SsoManage = 'sso.manage',
  IntegrationManage = 'integration.manage',
  SystemSettingsManage = 'system.settings.manage',
  GroupAssignRoles = 'group.roles.assign',

  // Compliance and audit
  AuditRead = 'audit.read',
  AuditExport = 'audit.export',
  ComplianceExport = 'compliance.export',
  ComplianceArchiveRead = 'compliance.archive.read',
  RetentionManage = 'retention.manage',
  LegalHoldManage = 'legal_hold.manage',
  FlaggedContentReview = 'flagged.review',
  DlpPolicyManage = 'dlp.manage',
}

export const ALL_PERMISSIONS: readonly Permission[] = Object.values(Permission);

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (ALL_PERMISSIONS as readonly string[]).includes(value);
}
