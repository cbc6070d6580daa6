/**
 * Limits and enumerations of the messaging API, shared by the DTOs, the server and the front
 * ends. Values are part of the public contract: widen with care, never narrow silently.
 */
export const CHANNEL_NAME_MAX_LENGTH = 80;
export const TOPIC_MAX_LENGTH = 250;
export const PURPOSE_MAX_LENGTH = 250;
export const CLIENT_MSG_ID_MAX_LENGTH = 64;
/**
 * Edge cap on message text in UTF-16 units. The real limit is configurable and counted in
 * code points by the server (MESSAGE_TOO_LONG); this only bounds what is parsed at all.
 */
export const MESSAGE_TEXT_INPUT_MAX_LENGTH = 131_072;
export const EMOJI_INPUT_MAX_LENGTH = 100;
export const HISTORY_MAX_LIMIT = 200;
export const HISTORY_DEFAULT_LIMIT = 50;
export const PAGE_MAX_LIMIT = 200;
export const PAGE_DEFAULT_LIMIT = 50;
export const CURSOR_MAX_LENGTH = 512;
export const SEARCH_QUERY_MAX_LENGTH = 80;
/** A group DM has 3 to 16 members, the caller included. */
export const GROUP_DM_MIN_MEMBERS = 3;
export const GROUP_DM_MAX_MEMBERS = 16;
export const INVITE_MAX_USERS = 100;
export const SYNC_MAX_CONVERSATIONS = 1000;
/** Unread and mention counts stop counting here; clients show "999+". */
export const UNREAD_COUNT_CAP = 1000;
/** Reaction responses list at most this many reacting user ids per emoji (`count` is exact). */
export const REACTION_USERS_SHOWN = 50;
export const MAX_PINS_PER_CONVERSATION = 100;
/** Thread summaries list at most this many participant ids (earliest repliers first). */
export const THREAD_PARTICIPANTS_SHOWN = 50;
export const SEQ_MAX = Number.MAX_SAFE_INTEGER;

export type ConversationKind = 'public_channel' | 'private_channel' | 'dm' | 'group_dm';
export const CONVERSATION_KINDS: readonly ConversationKind[] = ['public_channel', 'private_channel', 'dm', 'group_dm'];

export type ChannelVisibility = 'public' | 'private';
export const CHANNEL_VISIBILITIES: readonly ChannelVisibility[] = ['public', 'private'];

export type MemberRole = 'member' | 'channel_admin';
export const MEMBER_ROLES: readonly MemberRole[] = ['member', 'channel_admin'];

export type NotifyLevel = 'all' | 'mentions' | 'none';
export const NOTIFY_LEVELS: readonly NotifyLevel[] = ['all', 'mentions', 'none'];

/** `@channel` (or its alias `@all`) and `@here`. */
export type SpecialMention = 'channel' | 'here';
export const SPECIAL_MENTIONS: readonly SpecialMention[] = ['channel', 'here'];

export type ReactionAction = 'toggle' | 'add' | 'remove';
export const REACTION_ACTIONS: readonly ReactionAction[] = ['toggle', 'add', 'remove'];

export type ChannelSearchMatch = 'prefix' | 'contains';
export const CHANNEL_SEARCH_MATCHES: readonly ChannelSearchMatch[] = ['prefix', 'contains'];
