import { Permission, type ConversationKind } from '@enclave/contracts';
import { tagSubject, type AppRule, type TaggedSubject } from '../ability/app-ability.js';
import type { ConversationAttributes } from './conversation.policy.js';
import type { Policy, PolicyContext } from './policy.js';

const CHANNEL_KINDS: readonly ConversationKind[] = ['public_channel', 'private_channel'];

/** A message as seen by one actor, with its conversation as that actor sees it. */
export interface MessageAttributes {
  readonly id?: string;
  readonly senderId?: string;
  readonly kind?: 'user' | 'system';
  /** Seconds since it was sent (computed with the injected Clock): the edit window is a rule, not a cached timestamp. */
  readonly ageSeconds?: number;
  readonly conversation: ConversationAttributes;
}

export function messageSubject(attributes: MessageAttributes): TaggedSubject<'Message'> {
  return tagSubject('Message', attributes);
}

/**
 * Messages: reading follows the conversation (members, and public channels for those who may
 * browse them); editing is the author's, optionally within a window; deleting is the
 * author's, or anyone's in channels where the scheme gives your channel role
 * `message.delete.any` (channel admins by default), or anyone's in any channel for holders of
 * channel.moderate.any. System messages are never edited or deleted.
 */
export const messagePolicy: Policy = {
  subject: 'Message',
  checks: {
    [Permission.MessageRead]: ['read', 'Message'],
    [Permission.MessageEditOwn]: ['update', 'Message'],
    [Permission.MessageDeleteOwn]: ['delete', 'Message'],
    [Permission.MessageDeleteAny]: ['delete', 'Message'],
    [Permission.MessageReact]: ['react', 'Message'],
    [Permission.MessagePin]: ['pin', 'Message'],
    [Permission.ThreadFollow]: ['follow', 'Message'],
  },
  rules(ctx: PolicyContext): AppRule[] {
    const has = (p: Permission) => ctx.permissions.has(p);
    const rules: AppRule[] = [];
    if (has(Permission.MessageRead)) {
      if (has(Permission.ChannelRead)) rules.push({ action: 'read', subject: 'Message', conditions: { 'conversation.role': { $ne: null } } });
      if (has(Permission.ChannelBrowse)) rules.push({ action: 'read', subject: 'Message', conditions: { 'conversation.kind': 'public_channel' } });
    }
    if (has(Permission.ThreadFollow)) rules.push({ action: 'follow', subject: 'Message', conditions: { 'conversation.role': { $ne: null } } });
    if (has(Permission.MessageEditOwn)) {
      const window = ctx.editWindowSeconds > 0 ? { ageSeconds: { $lte: ctx.editWindowSeconds } } : {};
      rules.push({ action: 'update', subject: 'Message', conditions: { senderId: ctx.userId, kind: 'user', 'conversation.grants': Permission.MessageEditOwn, ...window } });
    }
    if (has(Permission.MessageDeleteOwn)) {
      rules.push({ action: 'delete', subject: 'Message', conditions: { senderId: ctx.userId, kind: 'user', 'conversation.grants': Permission.MessageDeleteOwn } });
    }
    if (has(Permission.MessageDeleteAny)) {
      rules.push({ action: 'delete', subject: 'Message', conditions: { kind: 'user', 'conversation.grants': Permission.MessageDeleteAny } });
    }
    if (has(Permission.ChannelModerateAny)) {
      rules.push({ action: 'delete', subject: 'Message', conditions: { kind: 'user', 'conversation.kind': { $in: CHANNEL_KINDS } } });
    }
    if (has(Permission.MessageReact)) rules.push({ action: 'react', subject: 'Message', conditions: { 'conversation.grants': Permission.MessageReact } });
    if (has(Permission.MessagePin)) rules.push({ action: 'pin', subject: 'Message', conditions: { 'conversation.grants': Permission.MessagePin } });
    return rules;
  },
};
