import { describe, expect, it } from '@jest/globals';
import { toConversationResponse } from './conversation-response.mapper.js';
import type { ConversationRecord, MembershipRecord } from './conversation.record.js';
import { directKey } from './direct-conversations.service.js';

const at = new Date('2026-11-20T08:00:00.000Z');
const conversation: ConversationRecord = {
  id: 'c',
  kind: 'public_channel',
  name: '产品讨论',
  topic: '',
  purpose: 'launch',
  createdBy: 'u',
  createdAt: at,
  updatedAt: at,
  archivedAt: null,
  lastSeq: 12,
  lastMessageAt: at,
  memberCount: 3,
};
const membership: MembershipRecord = {
  conversationId: 'c',
  userId: 'u',
  role: 'channel_admin',
  notifyLevel: 'mentions',
  muted: true,
  lastReadSeq: 10,
  lastReadAt: at,
  joinedSeq: 1,
  joinedAt: at,
};

describe('toConversationResponse', () => {
  it('includes the caller membership and counts for members', () => {
    expect(toConversationResponse({ conversation, membership, counts: { unread: 2, mentions: 1 } })).toEqual({
      id: 'c',
      kind: 'public_channel',
      name: '产品讨论',
      topic: '',
      purpose: 'launch',
      createdBy: 'u',
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      archived: false,
      archivedAt: null,
      lastSeq: 12,
      lastMessageAt: at.toISOString(),
      memberCount: 3,
      memberIds: null,
      membership: { role: 'channel_admin', notifyLevel: 'mentions', muted: true, lastReadSeq: 10, joinedSeq: 1, joinedAt: at.toISOString() },
      unreadCount: 2,
      mentionCount: 1,
    });
  });

  it('has no membership or counts for non-members', () => {
    expect(toConversationResponse({ conversation, membership: undefined, counts: { unread: 0, mentions: 0 } })).toMatchObject({
      membership: null,
      unreadCount: null,
      mentionCount: null,
    });
  });
});

describe('directKey', () => {
  const a = '0b6f6a1e-4c1e-4d57-9a53-2f6a3b9c1d20';
  const b = '9f0c1d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f';
  const c = '5a5a5a5a-5a5a-4a5a-8a5a-5a5a5a5a5a5a';

  it('is the sorted pair for DMs, whoever opens it', () => {
    expect(directKey([a, b])).toBe(directKey([b, a]));
    expect(directKey([a, b])).toBe(`dm:${a}:${b}`);
    expect(directKey([a])).toBe(`dm:${a}:${a}`);
  });

  it('hashes the member set of group DMs, independent of order and case', () => {
    expect(directKey([a, b, c])).toBe(directKey([c, a.toUpperCase(), b]));
    expect(directKey([a, b, c])).toMatch(/^group:[0-9a-f]{64}$/);
    expect(directKey([a, b, c])).not.toBe(directKey([a, b]));
  });
});
