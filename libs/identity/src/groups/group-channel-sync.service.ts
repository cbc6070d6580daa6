import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@enclave/core';
import { MembershipService } from '@enclave/messaging';
import { GroupChannelsRepository, type GrantKey } from './group-channels.repository.js';
import type { GroupRecord } from './group.record.js';
import { GroupsRepository } from './groups.repository.js';

const keyOf = (g: GrantKey): string => `${g.conversationId}/${g.groupId}`;

/**
 * Keeps channel membership in step with groups: adding a group to a channel adds its members
 * (and its child groups' members); joining a group adds you to its channels; leaving it (or
 * unlinking the channel) removes you from channels only groups gave you. Membership changes
 * go through messaging's MembershipService, so members get the usual events and system
 * messages. Every method runs in the caller's transaction; channels are handled in id order
 * (the order messaging locks them in), so concurrent group changes cannot deadlock.
 */
@Injectable()
export class GroupChannelSync {
  constructor(
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(GroupChannelsRepository) private readonly channels: GroupChannelsRepository,
    @Inject(MembershipService) private readonly membership: MembershipService,
  ) {}

  /** After users joined a group directly: its channels and its parent's. Returns memberships added. */
  async afterMembersAdded(actor: Actor, groupId: string, userIds: readonly string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    let added = 0;
    for (const link of await this.channels.linkedChannelsWithParent(groupId)) added += (await this.grant(actor, link, userIds)).length;
    return added;
  }

  /** Brings one user's group-given channel memberships in line with their groups (after leaving one). */
  async reconcileUser(actor: Actor, userId: string): Promise<{ added: number; removed: number }> {
    const desired = await this.channels.desiredGrantsOf(userId);
    const existing = await this.channels.grantsOf(userId);
    const desiredKeys = new Set(desired.map(keyOf));
    const existingKeys = new Set(existing.map(keyOf));
    const stale = existing.filter((g) => !desiredKeys.has(keyOf(g)));
    for (const g of stale) await this.channels.deleteGrant(g.conversationId, userId, g.groupId);
    let removed = 0;
    for (const conversationId of [...new Set(stale.map((g) => g.conversationId))].sort()) {
      if ((await this.channels.usersWithGrants(conversationId, [userId])).size > 0) continue;
      removed += (await this.membership.removeManaged(actor, conversationId, [userId])).length;
    }
    let added = 0;
    for (const g of desired.filter((d) => !existingKeys.has(keyOf(d)))) added += (await this.grant(actor, g, [userId])).length;
    return { added, removed };
  }

  /** The caller locked the group. Returns the members added to the channel. */
  async linkChannel(actor: Actor, group: GroupRecord, conversationId: string): Promise<number> {
    const users = await this.groups.effectiveMemberIds(group.id);
    return (await this.grant(actor, { conversationId, groupId: group.id }, users)).length;
  }

  /** The caller locked the group. Returns the members removed from the channel. */
  async unlinkChannel(actor: Actor, group: GroupRecord, conversationId: string): Promise<number> {
    const had = await this.channels.deleteGroupGrants(conversationId, group.id);
    const still = await this.channels.usersWithGrants(conversationId, had);
    return (await this.membership.removeManaged(actor, conversationId, had.filter((u) => !still.has(u)))).length;
  }

  /**
   * Adds `userIds` to the channel through the link's group. A grant is recorded for users the
   * group brought in and for users already there through another group; someone who was a
   * member on their own stays one on their own (no grant: leaving the group keeps them).
   */
  private async grant(actor: Actor, link: GrantKey, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const holders = await this.channels.usersWithGrants(link.conversationId, userIds);
    const added = await this.membership.addManaged(actor, link.conversationId, userIds);
    await this.channels.insertGrants(link.conversationId, link.groupId, [...new Set([...added, ...userIds.filter((u) => holders.has(u))])]);
    return added;
  }
}
