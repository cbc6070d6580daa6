import type { GroupMemberResponse, GroupResponse } from '@enclave/contracts';
import type { GroupMemberRecord, GroupRecord } from './group.record.js';

export function toGroupResponse(group: GroupRecord): GroupResponse {
  return {
    id: group.id,
    name: group.name,
    displayName: group.displayName,
    parentId: group.parentId,
    memberCount: group.memberCount,
    channelIds: [...group.channelIds],
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}

export function toGroupMemberResponse(member: GroupMemberRecord): GroupMemberResponse {
  return { userId: member.userId, username: member.username, displayName: member.displayName, addedAt: member.addedAt.toISOString() };
}
