import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock, newId, type Actor } from '@enclave/core';
import { isUniqueViolation, TransactionContext } from '@enclave/database';
import { AuditContext } from '@enclave/audit';
import type {
  AdminPageQuery,
  CreateGroupRequest,
  GroupListResponse,
  GroupMemberListResponse,
  GroupMembersRequest,
  GroupResponse,
  LinkChannelRequest,
  UpdateGroupRequest,
} from '@enclave/contracts';
import { AdminAuthorizer } from '../admin-access/admin-authorizer.js';
import { AdminUsersRepository } from '../admin-users/admin-users.repository.js';
import { adminPageLimit, decodeKey, pageOf } from '../database/keyset-cursor.js';
import { AdminErrorCode } from '../errors/admin-error-code.js';
import { AdminException } from '../errors/admin.exception.js';
import { GroupChannelSync } from './group-channel-sync.service.js';
import { GroupChannelsRepository } from './group-channels.repository.js';
import { toGroupMemberResponse, toGroupResponse } from './group-response.mapper.js';
import type { GroupRecord } from './group.record.js';
import { GroupsRepository } from './groups.repository.js';

/**
 * Groups for administrators: create (nested one level at most), rename, members, linked
 * channels. Runs inside the `@Audited` request transaction and describes the change through
 * AuditContext (before/after); role grants to groups go through authz.
 */
@Injectable()
export class GroupsService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionContext) private readonly tx: TransactionContext,
    @Inject(AuditContext) private readonly audit: AuditContext,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(GroupChannelsRepository) private readonly channels: GroupChannelsRepository,
    @Inject(AdminUsersRepository) private readonly users: AdminUsersRepository,
    @Inject(GroupChannelSync) private readonly sync: GroupChannelSync,
    @Inject(AdminAuthorizer) private readonly authorizer: AdminAuthorizer,
  ) {}

  async create(_actor: Actor, request: CreateGroupRequest): Promise<GroupResponse> {
    return this.tx.run(async () => {
      if (request.parentId) {
        const parent = await this.groups.findById(request.parentId);
        if (!parent) throw AdminException.groupNotFound();
        // A parent that has a parent would make three levels; parents never gain one later (no re-parenting).
        if (parent.parentId) throw new AdminException(AdminErrorCode.GroupNestingTooDeep, 'Groups nest one level deep: the parent group is itself a child group.');
      }
      const id = newId();
      const inserted = await this.groups.insert({ id, name: request.name, displayName: request.displayName, parentId: request.parentId ?? null }, this.clock.now());
      if (!inserted) throw nameTaken();
      const group = toGroupResponse(await this.require(id));
      this.audit.setTarget('group', id);
      this.audit.setAfter(group);
      return group;
    });
  }

  async rename(_actor: Actor, groupId: string, request: UpdateGroupRequest): Promise<GroupResponse> {
    return this.tx.run(async () => {
      const before = await this.require(groupId, true);
      this.audit.setBefore({ name: before.name, displayName: before.displayName });
      try {
        await this.groups.rename(groupId, request, this.clock.now());
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken();
        throw error;
      }
      const after = await this.require(groupId);
      this.audit.setAfter({ name: after.name, displayName: after.displayName });
      return toGroupResponse(after);
    });
  }

  async get(_actor: Actor, groupId: string): Promise<GroupResponse> {
    return toGroupResponse(await this.require(groupId));
  }

  async list(_actor: Actor, query: AdminPageQuery): Promise<GroupListResponse> {
    const limit = adminPageLimit(query.limit);
    const rows = await this.groups.list(decodeKey(query.cursor), limit + 1);
    const page = pageOf(rows, limit, (g) => g.name.toLowerCase());
    return { items: page.items.map(toGroupResponse), nextCursor: page.nextCursor };
  }

  /** Adds users (existing members skipped) and, through linked channels, to those channels. */
  async addMembers(actor: Actor, groupId: string, request: GroupMembersRequest): Promise<GroupResponse> {
    return this.tx.run(async () => {
      const group = await this.require(groupId);
      await this.authorizer.assertMayJoinGroupRoles(actor, groupId);
      const states = await this.users.states(request.userIds);
      const missing = request.userIds.filter((id) => !states.get(id) || states.get(id)?.erased);
      if (missing.length > 0) throw new AdminException(AdminErrorCode.UserNotFound, 'Some users do not exist.', HttpStatus.NOT_FOUND, { userIds: missing });
      this.audit.setBefore({ memberCount: group.memberCount });
      const added = await this.groups.addMembers(groupId, request.userIds, this.clock.now());
      const channelMemberships = await this.sync.afterMembersAdded(actor, group.id, added);
      // Group roles apply to the new members at once on every node (after commit).
      await this.authorizer.abilitiesChanged(added);
      const after = await this.require(groupId);
      this.audit.setAfter({ memberCount: after.memberCount, added });
      this.audit.addDetails({ channelMembershipsAdded: channelMemberships });
      return toGroupResponse(after);
    });
  }

  async removeMember(actor: Actor, groupId: string, userId: string): Promise<void> {
    await this.tx.run(async () => {
      await this.require(groupId);
      if (!(await this.groups.removeMember(groupId, userId))) {
        throw new AdminException(AdminErrorCode.GroupMemberNotFound, 'That user is not a member of this group.', HttpStatus.NOT_FOUND);
      }
      const { removed } = await this.sync.reconcileUser(actor, userId);
      await this.authorizer.abilitiesChanged([userId]);
      this.audit.setBefore({ userId, member: true });
      this.audit.setAfter({ userId, member: false });
      this.audit.addDetails({ channelMembershipsRemoved: removed });
    });
  }

  async listMembers(_actor: Actor, groupId: string, query: AdminPageQuery): Promise<GroupMemberListResponse> {
    await this.require(groupId);
    const limit = adminPageLimit(query.limit);
    const rows = await this.groups.listMembers(groupId, decodeKey(query.cursor), limit + 1);
    const page = pageOf(rows, limit, (m) => m.userId);
    return { items: page.items.map(toGroupMemberResponse), nextCursor: page.nextCursor };
  }

  /** Links a channel: its membership follows the group from now on (idempotent). */
  async linkChannel(actor: Actor, groupId: string, request: LinkChannelRequest): Promise<GroupResponse> {
    return this.tx.run(async () => {
      const group = await this.require(groupId, true);
      if (!(await this.channels.isLinkableChannel(request.conversationId))) {
        throw new AdminException(AdminErrorCode.GroupChannelInvalid, 'Groups can be added to public and private channels that are not archived.', HttpStatus.NOT_FOUND);
      }
      this.audit.setBefore({ channelIds: group.channelIds });
      let membersAdded = 0;
      if (await this.channels.link(groupId, request.conversationId, actor.userId ?? null, this.clock.now())) {
        membersAdded = await this.sync.linkChannel(actor, group, request.conversationId);
      }
      const after = await this.require(groupId);
      this.audit.setAfter({ channelIds: after.channelIds });
      this.audit.addDetails({ conversationId: request.conversationId, membersAdded });
      return toGroupResponse(after);
    });
  }

  async unlinkChannel(actor: Actor, groupId: string, conversationId: string): Promise<void> {
    await this.tx.run(async () => {
      const group = await this.require(groupId, true);
      if (!(await this.channels.unlink(groupId, conversationId))) {
        throw new AdminException(AdminErrorCode.GroupChannelNotLinked, 'That channel is not linked to this group.', HttpStatus.NOT_FOUND);
      }
      const membersRemoved = await this.sync.unlinkChannel(actor, group, conversationId);
      this.audit.setBefore({ channelIds: group.channelIds });
      this.audit.setAfter({ channelIds: group.channelIds.filter((id) => id !== conversationId) });
      this.audit.addDetails({ conversationId, membersRemoved });
    });
  }

  /**
   * Deletes a group. Channels linked to it are unlinked first, so memberships only the group
   * gave are removed (with the usual events); roles granted through it stop applying at once.
   * A group with child groups is refused: delete or re-parent them first.
   */
  async delete(actor: Actor, groupId: string): Promise<void> {
    await this.tx.run(async () => {
      const group = await this.require(groupId, true);
      if (await this.groups.hasChildren(groupId)) {
        throw new AdminException(AdminErrorCode.GroupHasChildren, 'This group has child groups; delete them first.', HttpStatus.CONFLICT);
      }
      const memberIds = await this.groups.effectiveMemberIds(groupId);
      let membersRemoved = 0;
      for (const conversationId of [...group.channelIds].sort()) {
        await this.channels.unlink(groupId, conversationId);
        membersRemoved += await this.sync.unlinkChannel(actor, group, conversationId);
      }
      await this.groups.delete(groupId);
      await this.authorizer.abilitiesChanged(memberIds);
      this.audit.setBefore({ name: group.name, displayName: group.displayName, memberCount: group.memberCount, channelIds: group.channelIds });
      this.audit.addDetails({ channelMembershipsRemoved: membersRemoved });
    });
  }

  private async require(groupId: string, lock = false): Promise<GroupRecord> {
    const group = await this.groups.findById(groupId, { lock });
    if (!group) throw AdminException.groupNotFound();
    return group;
  }
}

function nameTaken(): AdminException {
  return new AdminException(AdminErrorCode.GroupNameTaken, 'A group with this name exists already.', HttpStatus.CONFLICT);
}
