import { Permission } from '@enclave/contracts';

/** The roles a member can have inside one conversation (conversation_member.role). */
export type ChannelRole = 'member' | 'channel_admin';
export const CHANNEL_ROLES: readonly ChannelRole[] = ['member', 'channel_admin'];

/**
 * Permissions exercised inside one conversation. A user may use one there only when both
 * hold: their account's roles include it (the ceiling: a guest's roles leave out inviting)
 * and the conversation's permission scheme grants it to their channel role.
 */
export const CHANNEL_SCOPED_PERMISSIONS: readonly Permission[] = [
  Permission.ChannelLeave,
  Permission.ChannelInvite,
  Permission.ChannelRemoveMember,
  Permission.ChannelRename,
  Permission.ChannelUpdate,
  Permission.ChannelArchive,
  Permission.ChannelManageRoles,
  Permission.ChannelManageScheme,
  Permission.MessageCreate,
  Permission.MessageEditOwn,
  Permission.MessageDeleteOwn,
  Permission.MessageDeleteAny,
  Permission.MessageMentionChannel,
  Permission.MessageReact,
  Permission.MessagePin,
];

const SCOPED = new Set<string>(CHANNEL_SCOPED_PERMISSIONS);

export function isChannelScoped(permission: string): permission is Permission {
  return SCOPED.has(permission);
}

/** What a plain member may do in a channel unless its scheme says otherwise. */
const DEFAULT_MEMBER: readonly Permission[] = [
  Permission.ChannelLeave,
  Permission.ChannelInvite,
  Permission.ChannelUpdate,
  Permission.MessageCreate,
  Permission.MessageEditOwn,
  Permission.MessageDeleteOwn,
  Permission.MessageReact,
  Permission.MessagePin,
];

/**
 * Channel admins additionally moderate. Changing the channel's own scheme is left out on
 * purpose: overrides are a system administrator's call unless they delegate it.
 */
const DEFAULT_CHANNEL_ADMIN: readonly Permission[] = [
  ...DEFAULT_MEMBER,
  Permission.ChannelRemoveMember,
  Permission.ChannelRename,
  Permission.ChannelArchive,
  Permission.ChannelManageRoles,
  Permission.MessageDeleteAny,
  Permission.MessageMentionChannel,
];

/** A permission scheme: what each channel role may do. */
export interface SchemeGrants {
  readonly member: readonly Permission[];
  readonly channel_admin: readonly Permission[];
}

export const BUILT_IN_DEFAULT_SCHEME: SchemeGrants = { member: DEFAULT_MEMBER, channel_admin: DEFAULT_CHANNEL_ADMIN };

/**
 * DMs and group DMs have no scheme and no admins: every member may do what a channel member
 * may, and @channel/@here (there are at most 16 people to notify).
 */
export const DIRECT_CONVERSATION_GRANTS: readonly Permission[] = [
  Permission.MessageCreate,
  Permission.MessageEditOwn,
  Permission.MessageDeleteOwn,
  Permission.MessageReact,
  Permission.MessagePin,
  Permission.MessageMentionChannel,
];
