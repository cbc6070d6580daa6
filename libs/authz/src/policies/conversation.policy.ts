import { Permission, type ConversationKind } from '@enclave/contracts';
import { tagSubject, type AppRule, type TaggedSubject } from '../ability/app-ability.js';
import type { ChannelRole } from '../roles/channel-permissions.js';
import type { SqlFieldMap } from '../sql/sql-fields.js';
import type { Policy, PolicyContext } from './policy.js';

const CHANNEL_KINDS: readonly ConversationKind[] = ['public_channel', 'private_channel'];

/**
 * A conversation as seen by one actor. `role` is the actor's channel role (null: not a
 * member) and `grants` what the conversation's permission scheme gives that role, so rules
 * stay the same for every conversation and can be cached per session.
 */
export interface ConversationAttributes {
  readonly id: string;
  readonly kind: ConversationKind;
  readonly archived: boolean;
  readonly role: ChannelRole | null;
  readonly grants: readonly Permission[];
}

export function conversationSubject(attributes: ConversationAttributes): TaggedSubject<'Conversation'> {
  return tagSubject('Conversation', attributes);
}

/** Channel-scoped permissions exercised on the conversation itself, and their verbs. */
const SCHEME_ACTIONS: ReadonlyArray<readonly [Permission, string, 'channels' | 'any']> = [
  [Permission.ChannelLeave, 'leave', 'channels'],
  [Permission.ChannelInvite, 'invite', 'channels'],
  [Permission.ChannelRemoveMember, 'removeMember', 'channels'],
  [Permission.ChannelRename, 'rename', 'channels'],
  [Permission.ChannelUpdate, 'update', 'channels'],
  [Permission.ChannelArchive, 'archive', 'channels'],
  [Permission.ChannelManageRoles, 'manageRoles', 'channels'],
  [Permission.ChannelManageScheme, 'manageScheme', 'channels'],
  [Permission.MessageCreate, 'post', 'any'],
  [Permission.MessageMentionChannel, 'mentionChannel', 'any'],
];

/** What holding channel.moderate.any lets a system administrator do in every channel (@channel only where they may post). */
const MODERATION_ACTIONS = ['view', 'moderate', 'removeMember', 'rename', 'archive', 'manageRoles', 'manageScheme', 'mentionChannel'];

/**
 * Conversations: who sees which (private ones only as a member, public ones when you may
 * browse), who creates, joins and manages them. Checks on a specific conversation go through
 * `conversationSubject`; lists are filtered in SQL with `conversationSqlFields`.
 */
export const conversationPolicy: Policy = {
  subject: 'Conversation',
  checks: {
    [Permission.ChannelCreatePublic]: ['create', 'Conversation'],
    [Permission.ChannelCreatePrivate]: ['create', 'Conversation'],
    [Permission.ChannelBrowse]: ['browse', 'Conversation'],
    [Permission.ChannelRead]: ['view', 'Conversation'],
    [Permission.ChannelJoin]: ['join', 'Conversation'],
    [Permission.ChannelModerateAny]: ['moderate', 'Conversation'],
    [Permission.MessageReadState]: ['markRead', 'Conversation'],
    ...Object.fromEntries(SCHEME_ACTIONS.map(([permission, action]) => [permission, [action, 'Conversation'] as const])),
  },
  rules(ctx: PolicyContext): AppRule[] {
    const has = (p: Permission) => ctx.permissions.has(p);
    const rules: AppRule[] = [];
    if (has(Permission.ChannelCreatePublic)) rules.push({ action: 'create', subject: 'Conversation', conditions: { kind: 'public_channel' } });
    if (has(Permission.ChannelCreatePrivate)) rules.push({ action: 'create', subject: 'Conversation', conditions: { kind: 'private_channel' } });
    if (has(Permission.ChannelRead)) rules.push({ action: 'view', subject: 'Conversation', conditions: { role: { $ne: null } } });
    if (has(Permission.ChannelBrowse)) {
      rules.push({ action: 'browse', subject: 'Conversation', conditions: { kind: 'public_channel' } });
      rules.push({ action: 'view', subject: 'Conversation', conditions: { kind: 'public_channel' } });
    }
    if (has(Permission.ChannelJoin)) rules.push({ action: 'join', subject: 'Conversation', conditions: { kind: 'public_channel' } });
    if (has(Permission.MessageReadState)) rules.push({ action: 'markRead', subject: 'Conversation', conditions: { role: { $ne: null } } });
    for (const [permission, action, kinds] of SCHEME_ACTIONS) {
      if (!has(permission)) continue;
      // The account's roles are the ceiling, the scheme decides per conversation and channel role.
      const conditions = kinds === 'channels' ? { grants: permission, kind: { $in: CHANNEL_KINDS } } : { grants: permission };
      rules.push({ action, subject: 'Conversation', conditions });
    }
    if (has(Permission.ChannelModerateAny)) rules.push({ action: MODERATION_ACTIONS, subject: 'Conversation', conditions: { kind: { $in: CHANNEL_KINDS } } });
    return rules;
  },
};

export interface ConversationSqlOptions {
  /** Alias of a join of the actor's own conversation_member row, if the query has one. */
  readonly membershipAlias?: string;
}

/** Columns behind the Conversation attributes, for `toSqlWhere`. `grants` has none: never filter lists by it. */
export function conversationSqlFields(alias: string, options: ConversationSqlOptions = {}): SqlFieldMap {
  const role = options.membershipAlias
    ? `${options.membershipAlias}.role`
    : `(SELECT am.role FROM conversation_member am WHERE am.conversation_id = ${alias}.id AND am.user_id = CAST(:authz_actor AS uuid))`;
  return {
    id: { sql: `${alias}.id`, cast: 'uuid' },
    kind: { sql: `${alias}.kind`, cast: 'text' },
    archived: { sql: `(${alias}.archived_at IS NOT NULL)`, cast: 'boolean' },
    role: { sql: role, cast: 'text' },
  };
}
