import { Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import { TransactionContext } from '@enclave/database';
import { AuditAction, AuditService } from '@enclave/audit';
import { Permission, type ConversationKind, type PermissionSchemeResponse, type UpdatePermissionSchemeRequest } from '@enclave/contracts';
import { AbilityService } from '../ability/ability.service.js';
import { AuthzErrorCode } from '../errors/authz-error-code.js';
import { AuthzException, markDenied } from '../errors/authz.exception.js';
import { AuthzInvalidation } from '../invalidation/authz-invalidation.service.js';
import { conversationSubject } from '../policies/conversation.policy.js';
import {
  BUILT_IN_DEFAULT_SCHEME,
  DIRECT_CONVERSATION_GRANTS,
  isChannelScoped,
  type ChannelRole,
  type SchemeGrants,
} from '../roles/channel-permissions.js';
import { validPermissions } from '../roles/permission-validation.js';
import { ConversationFactsRepository } from './conversation-facts.repository.js';
import { SchemeCache } from './scheme.cache.js';
import { SchemeRepository, type StoredScheme } from './scheme.repository.js';

const DIRECT_KINDS: readonly ConversationKind[] = ['dm', 'group_dm'];

/**
 * Permission schemes: what each channel role may do, by default and per channel (e.g. an
 * announcements channel where members may react but not post). Resolving a conversation's
 * grants is on every messaging check's path, so it reads through SchemeCache.
 */
@Injectable()
export class SchemeService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(SchemeRepository) private readonly schemes: SchemeRepository,
    @Inject(SchemeCache) private readonly cache: SchemeCache,
    @Inject(ConversationFactsRepository) private readonly conversations: ConversationFactsRepository,
    @Inject(AbilityService) private readonly abilities: AbilityService,
    @Inject(AuthzInvalidation) private readonly invalidation: AuthzInvalidation,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** What the conversation's scheme grants a member with `role` (nothing for non-members). */
  async grantsFor(conversation: { readonly id: string; readonly kind: ConversationKind }, role: ChannelRole | null): Promise<readonly Permission[]> {
    if (role === null) return [];
    if (DIRECT_KINDS.includes(conversation.kind)) return DIRECT_CONVERSATION_GRANTS;
    const scheme = (await this.overrideOf(conversation.id)) ?? (await this.defaultScheme());
    return scheme[role];
  }

  async getDefault(actor: Actor): Promise<PermissionSchemeResponse> {
    const ability = await this.abilities.usable(actor);
    if (!ability.canExercise(Permission.SchemeManage) && !ability.canExercise(Permission.RoleRead)) throw AuthzException.forbidden(Permission.SchemeManage);
    const stored = await this.schemes.findDefault();
    return toResponse(stored ?? BUILT_IN_DEFAULT_SCHEME, { conversationId: null, overridden: stored !== undefined, stored });
  }

  async updateDefault(actor: Actor, request: UpdatePermissionSchemeRequest): Promise<PermissionSchemeResponse> {
    this.abilities.assert(await this.abilities.usable(actor), 'manage', 'Scheme', Permission.SchemeManage);
    const grants = validScheme(request);
    return this.tx.run(async () => {
      const before = await this.schemes.findDefault({ lock: true });
      await this.schemes.saveDefault(grants, actor.userId ?? null, this.clock.now());
      await this.audit.record(actor, {
        action: AuditAction.AuthzSchemeUpdated,
        target: { type: 'permission_scheme', id: 'default' },
        outcome: 'success',
        before: schemeJson(before ?? BUILT_IN_DEFAULT_SCHEME),
        after: schemeJson(grants),
      });
      await this.invalidation.schemeChanged(null);
      const stored = await this.schemes.findDefault();
      return toResponse(grants, { conversationId: null, overridden: true, stored });
    });
  }

  /** The scheme in force in a channel: its override, or the default. Members (and moderators) may look. */
  async getForConversation(actor: Actor, conversationId: string): Promise<PermissionSchemeResponse> {
    await this.requireChannel(actor, conversationId, 'view', Permission.ChannelRead);
    const stored = await this.schemes.findForConversation(conversationId);
    const effective = stored ?? (await this.schemes.findDefault()) ?? BUILT_IN_DEFAULT_SCHEME;
    return toResponse(effective, { conversationId, overridden: stored !== undefined, stored });
  }

  async updateForConversation(actor: Actor, conversationId: string, request: UpdatePermissionSchemeRequest): Promise<PermissionSchemeResponse> {
    const grants = validScheme(request);
    return this.tx.run(async () => {
      await this.requireChannel(actor, conversationId, 'manageScheme', Permission.ChannelManageScheme);
      const before = await this.schemes.findForConversation(conversationId, { lock: true });
      await this.schemes.saveForConversation(conversationId, grants, actor.userId ?? null, this.clock.now());
      await this.audit.record(actor, {
        action: AuditAction.AuthzSchemeUpdated,
        target: { type: 'conversation', id: conversationId },
        outcome: 'success',
        before: before ? schemeJson(before) : null,
        after: schemeJson(grants),
      });
      await this.invalidation.schemeChanged(conversationId);
      const stored = await this.schemes.findForConversation(conversationId);
      return toResponse(grants, { conversationId, overridden: true, stored });
    });
  }

  /** Drops a channel's override: the default applies again. Idempotent. */
  async resetForConversation(actor: Actor, conversationId: string): Promise<PermissionSchemeResponse> {
    return this.tx.run(async () => {
      await this.requireChannel(actor, conversationId, 'manageScheme', Permission.ChannelManageScheme);
      const before = await this.schemes.findForConversation(conversationId, { lock: true });
      if (before) {
        await this.schemes.deleteForConversation(conversationId);
        await this.audit.record(actor, {
          action: AuditAction.AuthzSchemeUpdated,
          target: { type: 'conversation', id: conversationId },
          outcome: 'success',
          before: schemeJson(before),
          after: null,
        });
        await this.invalidation.schemeChanged(conversationId);
      }
      const effective = (await this.schemes.findDefault()) ?? BUILT_IN_DEFAULT_SCHEME;
      return toResponse(effective, { conversationId, overridden: false, stored: undefined });
    });
  }

  /** A channel the actor may see (else 404, so private channels stay invisible) and act on. */
  private async requireChannel(actor: Actor, conversationId: string, action: string, permission: Permission): Promise<void> {
    const ability = await this.abilities.usable(actor);
    const facts = await this.conversations.find(conversationId, ability.userId);
    const notFound = () => new AuthzException(AuthzErrorCode.ConversationNotFound, 'No such conversation.');
    if (!facts) throw notFound();
    const subject = conversationSubject({ ...facts, grants: await this.grantsFor(facts, facts.role) });
    if (!ability.can('view', subject)) throw markDenied(notFound(), permission);
    if (DIRECT_KINDS.includes(facts.kind)) throw new AuthzException(AuthzErrorCode.NotAChannel, 'Direct messages have no permission scheme.');
    if (!ability.can(action, subject)) throw AuthzException.forbidden(permission);
  }

  private async defaultScheme(): Promise<SchemeGrants> {
    const now = this.clock.nowMs();
    const cached = this.cache.getDefault(now);
    if (cached) return cached;
    const generation = this.cache.currentGeneration;
    const stored = (await this.schemes.findDefault()) ?? BUILT_IN_DEFAULT_SCHEME;
    const scheme = { member: stored.member, channel_admin: stored.channel_admin };
    this.cache.setDefault(scheme, now, generation);
    return scheme;
  }

  private async overrideOf(conversationId: string): Promise<SchemeGrants | null> {
    const now = this.clock.nowMs();
    const cached = this.cache.getOverride(conversationId, now);
    if (cached !== undefined) return cached;
    const generation = this.cache.currentGeneration;
    const stored = await this.schemes.findForConversation(conversationId);
    const scheme = stored ? { member: stored.member, channel_admin: stored.channel_admin } : null;
    this.cache.setOverride(conversationId, scheme, now, generation);
    return scheme;
  }
}

function validScheme(request: UpdatePermissionSchemeRequest): SchemeGrants {
  const check = (values: readonly string[]): Permission[] => {
    const permissions = validPermissions(values);
    const foreign = permissions.filter((p) => !isChannelScoped(p));
    if (foreign.length > 0) {
      throw new AuthzException(AuthzErrorCode.PermissionNotSchemable, 'Schemes can only grant permissions exercised inside a channel.', { permissions: foreign });
    }
    return permissions;
  };
  return { member: check(request.member), channel_admin: check(request.channelAdmin) };
}

function schemeJson(scheme: SchemeGrants): Record<string, unknown> {
  return { member: [...scheme.member], channelAdmin: [...scheme.channel_admin] };
}

function toResponse(scheme: SchemeGrants, meta: { conversationId: string | null; overridden: boolean; stored: StoredScheme | undefined }): PermissionSchemeResponse {
  return {
    conversationId: meta.conversationId,
    overridden: meta.overridden,
    member: [...scheme.member],
    channelAdmin: [...scheme.channel_admin],
    updatedAt: meta.stored ? meta.stored.updatedAt.toISOString() : null,
    updatedBy: meta.stored?.updatedBy ?? null,
  };
}
