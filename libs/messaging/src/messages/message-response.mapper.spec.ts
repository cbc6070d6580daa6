import { describe, expect, it } from '@jest/globals';
import { toMessageResponse, toRevisionResponses, toThreadSummary } from './message-response.mapper.js';
import { newMessageRecord, type MessageRecord } from './message.record.js';

const at = new Date('2026-11-20T08:00:00.000Z');

function message(overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    ...newMessageRecord(
      {
        id: '11111111-1111-4111-8111-111111111111',
        conversationId: '22222222-2222-4222-8222-222222222222',
        senderId: '33333333-3333-4333-8333-333333333333',
        clientMsgId: 'c-1',
        kind: 'user',
        systemType: null,
        systemData: null,
        text: '@wei 请看 **this**',
        mentionedUserIds: ['44444444-4444-4444-8444-444444444444'],
        mentionedNames: ['design-team'],
        mentionAll: null,
        threadRootId: null,
        createdAt: at,
      },
      7,
    ),
    ...overrides,
  };
}

describe('toMessageResponse', () => {
  it('exposes an allow-list of fields', () => {
    const response = toMessageResponse(message(), [{ emoji: '👍', count: 2, userIds: ['a', 'b'], me: true }]);
    expect(response).toEqual({
      id: '11111111-1111-4111-8111-111111111111',
      conversationId: '22222222-2222-4222-8222-222222222222',
      seq: 7,
      senderId: '33333333-3333-4333-8333-333333333333',
      kind: 'user',
      systemType: null,
      systemData: null,
      text: '@wei 请看 **this**',
      mentions: { userIds: ['44444444-4444-4444-8444-444444444444'], unresolved: ['design-team'], special: null },
      threadRootId: null,
      thread: null,
      reactions: [{ emoji: '👍', count: 2, userIds: ['a', 'b'], me: true }],
      pinnedAt: null,
      pinnedBy: null,
      edited: false,
      editedAt: null,
      deleted: false,
      deletedAt: null,
      clientMsgId: 'c-1',
      createdAt: '2026-11-20T08:00:00.000Z',
    });
  });

  it('turns a deleted message into a tombstone without its text, mentions or reactions', () => {
    const deletedAt = new Date('2026-11-20T09:00:00.000Z');
    const response = toMessageResponse(message({ deletedAt, deletedBy: 'x', pinnedAt: at, pinnedBy: 'y' }), [{ emoji: '👍', count: 1, userIds: ['a'] }]);
    expect(response).toMatchObject({ deleted: true, deletedAt: '2026-11-20T09:00:00.000Z', text: '', reactions: [], pinnedAt: null, mentions: { userIds: [], unresolved: [], special: null } });
    expect(JSON.stringify(response)).not.toContain('请看');
  });

  it('omits `me` from reactions rendered for broadcast', () => {
    expect(toMessageResponse(message(), [{ emoji: '🎉', count: 1, userIds: ['a'] }]).reactions[0]).toEqual({ emoji: '🎉', count: 1, userIds: ['a'] });
  });

  it('marks edits and summarises threads of roots only', () => {
    const root = message({ replyCount: 2, lastReplyAt: at, lastReplySeq: 9, threadParticipantIds: ['p'], editedAt: at, editCount: 1 });
    expect(toMessageResponse(root)).toMatchObject({ edited: true, editedAt: at.toISOString(), thread: { replyCount: 2, lastReplySeq: 9, participantIds: ['p'] } });
    expect(toThreadSummary(message({ threadRootId: 'r', lastReplyAt: at }))).toBeNull();
    const crowd = Array.from({ length: 80 }, (_, i) => `p${i}`);
    expect(toThreadSummary(message({ replyCount: 80, lastReplyAt: at, threadParticipantIds: crowd }))?.participantIds).toEqual(crowd.slice(0, 50));
    expect(toThreadSummary(message())).toBeNull();
  });
});

describe('toRevisionResponses', () => {
  it('lists earlier texts oldest first and ends with the current text', () => {
    const edited = new Date('2026-11-20T08:05:00.000Z');
    const items = toRevisionResponses(message({ text: 'v2', editedAt: edited, editCount: 1 }), [{ revision: 1, text: 'v1', createdAt: at, replacedAt: edited }]);
    expect(items).toEqual([
      { revision: 1, text: 'v1', createdAt: at.toISOString(), replacedAt: edited.toISOString() },
      { revision: 2, text: 'v2', createdAt: edited.toISOString(), replacedAt: null },
    ]);
  });
});
