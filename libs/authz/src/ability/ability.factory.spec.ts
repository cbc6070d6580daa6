import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@enclave/core';
import { Permission } from '@enclave/contracts';
import { conversationSubject, type ConversationAttributes } from '../policies/conversation.policy.js';
import { messageSubject } from '../policies/message.policy.js';
import { userSubject } from '../policies/user.policy.js';
import { BUILT_IN_DEFAULT_SCHEME, DIRECT_CONVERSATION_GRANTS } from '../roles/channel-permissions.js';
import { AbilityFactory } from './ability.factory.js';
import type { AccountGrants } from './grants.repository.js';

const ME = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';

function factory(env: Record<string, string> = {}): AbilityFactory {
  return new AbilityFactory(loadConfig({ NODE_ENV: 'test', ...env }));
}

function grants(roles: string[], extra: Partial<AccountGrants> = {}): AccountGrants {
  return { exists: true, active: true, guestExpiresAt: null, roles: roles.map((name) => ({ name, builtIn: true, permissions: [] })), ...extra };
}

function channel(overrides: Partial<ConversationAttributes> = {}): ConversationAttributes {
  const role = overrides.role === undefined ? 'member' : overrides.role;
  const grantsFor = role === null ? [] : BUILT_IN_DEFAULT_SCHEME[role];
  return { id: 'c1', kind: 'public_channel', archived: false, role, grants: grantsFor, ...overrides };
}

describe('AbilityFactory', () => {
  const member = factory().build(ME, grants([]));
  const guest = factory().build(ME, grants(['guest']));
  const admin = factory().build(ME, grants(['system_admin']));

  it('gives every account the implicit member role unless it is a guest', () => {
    expect(member.roles).toEqual(['member']);
    expect(guest.roles).toEqual(['guest']);
    expect(member.canExercise(Permission.ChannelBrowse)).toBe(true);
    expect(guest.canExercise(Permission.ChannelBrowse)).toBe(false);
    expect(guest.canExercise(Permission.ChannelCreatePublic)).toBe(false);
    expect(guest.canExercise(Permission.ChannelInvite)).toBe(false);
    expect(guest.canExercise(Permission.MessageCreate)).toBe(true);
  });

  it('shows a private channel only to members; public ones to those who may browse', () => {
    const privateChannel = (role: 'member' | null) => conversationSubject(channel({ kind: 'private_channel', role }));
    expect(member.can('view', privateChannel('member'))).toBe(true);
    expect(member.can('view', privateChannel(null))).toBe(false);
    expect(member.can('view', conversationSubject(channel({ role: null })))).toBe(true);
    expect(guest.can('view', conversationSubject(channel({ role: null })))).toBe(false);
    // System administrators moderate channels without joining, but never see DMs.
    expect(admin.can('view', privateChannel(null))).toBe(true);
    expect(admin.can('view', conversationSubject(channel({ kind: 'dm', role: null })))).toBe(false);
  });

  it('lets authors edit and delete their own messages, channel admins delete any in their channels', () => {
    const own = messageSubject({ id: 'm', senderId: ME, kind: 'user', ageSeconds: 10, conversation: channel() });
    const theirs = messageSubject({ id: 'm', senderId: OTHER, kind: 'user', ageSeconds: 10, conversation: channel() });
    const theirsWhereIAdmin = messageSubject({ id: 'm', senderId: OTHER, kind: 'user', ageSeconds: 10, conversation: channel({ role: 'channel_admin' }) });
    expect(member.can('update', own)).toBe(true);
    expect(member.can('update', theirs)).toBe(false);
    expect(member.can('delete', own)).toBe(true);
    expect(member.can('delete', theirs)).toBe(false);
    expect(member.can('delete', theirsWhereIAdmin)).toBe(true);
    expect(member.can('update', theirsWhereIAdmin)).toBe(false);
    expect(admin.can('delete', theirs)).toBe(true);
    const system = messageSubject({ id: 'm', senderId: ME, kind: 'system', ageSeconds: 1, conversation: channel({ role: 'channel_admin' }) });
    expect(admin.can('delete', system)).toBe(false);
  });

  it('applies the configured edit window', () => {
    const windowed = factory({ AUTHZ_MESSAGE_EDIT_WINDOW_MINUTES: '15' }).build(ME, grants([]));
    const at = (ageSeconds: number) => messageSubject({ id: 'm', senderId: ME, kind: 'user', ageSeconds, conversation: channel() });
    expect(windowed.can('update', at(14 * 60))).toBe(true);
    expect(windowed.can('update', at(16 * 60))).toBe(false);
    expect(member.can('update', at(10 * 365 * 86400))).toBe(true);
  });

  it('lets a read-only scheme stop members posting but not reacting', () => {
    const announcements = channel({ grants: [Permission.MessageReact, Permission.ChannelLeave] });
    expect(member.can('post', conversationSubject(announcements))).toBe(false);
    expect(member.can('react', messageSubject({ conversation: announcements }))).toBe(true);
    expect(member.can('post', conversationSubject(channel({ role: 'channel_admin' })))).toBe(true);
  });

  it('caps scheme grants at the account roles: guests never invite', () => {
    const everything = channel({ grants: [...BUILT_IN_DEFAULT_SCHEME.channel_admin] });
    expect(guest.can('invite', conversationSubject(everything))).toBe(false);
    expect(guest.can('post', conversationSubject(everything))).toBe(true);
    expect(member.can('post', conversationSubject(channel({ kind: 'dm', grants: DIRECT_CONVERSATION_GRANTS })))).toBe(true);
  });

  it('lets guests DM only people they share a conversation with, and themselves', () => {
    expect(guest.can('directMessage', userSubject({ id: OTHER, sharesConversation: false, self: false }))).toBe(false);
    expect(guest.can('directMessage', userSubject({ id: OTHER, sharesConversation: true, self: false }))).toBe(true);
    expect(guest.can('directMessage', userSubject({ id: ME, sharesConversation: false, self: true }))).toBe(true);
    expect(member.can('directMessage', userSubject({ id: OTHER, sharesConversation: false, self: false }))).toBe(true);
  });

  it('keeps user managers away from privileged accounts', () => {
    const manager = factory().build(ME, grants(['user_manager']));
    expect(manager.can('resetPassword', userSubject({ id: OTHER, privileged: false }))).toBe(true);
    expect(manager.can('resetPassword', userSubject({ id: OTHER, privileged: true }))).toBe(false);
    expect(manager.can('read', userSubject({ id: OTHER, privileged: true }))).toBe(true);
    expect(manager.canExercise(Permission.UserAssignRoles)).toBe(false);
    expect(admin.can('resetPassword', userSubject({ id: OTHER, privileged: true }))).toBe(true);
  });

  it('adds custom role permissions and ignores values it does not know', () => {
    const custom = factory().build(ME, { ...grants([]), roles: [{ name: 'auditor_lite', builtIn: false, permissions: [Permission.AuditRead, 'no.such.permission'] }] });
    expect(custom.canExercise(Permission.AuditRead)).toBe(true);
    expect(custom.canExercise(Permission.AuditExport)).toBe(false);
    expect([...custom.permissions]).not.toContain('no.such.permission');
  });

  it('denies everything to deactivated and unknown accounts', () => {
    for (const account of [grants(['system_admin'], { active: false }), grants([], { exists: false })]) {
      const ability = factory().build(ME, account);
      expect(ability.inactive).toBe(true);
      expect(ability.canExercise(Permission.ProfileReadOwn)).toBe(false);
    }
  });

  it('knows when a guest account has expired', () => {
    const expiring = factory().build(ME, grants(['guest'], { guestExpiresAt: new Date('2030-01-01T00:00:00Z') }));
    expect(expiring.expiredAt(new Date('2029-12-31T23:59:59Z'))).toBe(false);
    expect(expiring.expiredAt(new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });
});

describe('AbilityService batches', () => {
  it('refuses a whole batch when one subject is refused, naming it', async () => {
    const { AbilityService } = await import('./ability.service.js');
    const service = new AbilityService(undefined as never, undefined as never, undefined as never, undefined as never);
    const ability = factory().build(ME, grants([]));
    const mine = messageSubject({ id: 'm1', senderId: ME, kind: 'user', ageSeconds: 1, conversation: channel() });
    const theirs = messageSubject({ id: 'm2', senderId: OTHER, kind: 'user', ageSeconds: 1, conversation: channel() });
    const batch = new Map([
      ['m1', mine],
      ['m2', theirs],
    ]);
    expect(service.allowedIds(ability, 'delete', batch)).toEqual(['m1']);
    expect(() => service.assertAll(ability, 'delete', batch, Permission.MessageDeleteOwn)).toThrow(expect.objectContaining({ code: 'FORBIDDEN', details: { permission: 'message.delete.own', ids: ['m2'] } }));
    expect(() => service.assertAll(ability, 'delete', new Map([['m1', mine]]), Permission.MessageDeleteOwn)).not.toThrow();
  });
});
