import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { conversationEvent, userEvents } from './domain-event.js';
import { MessagingEventBus } from './messaging-event-bus.js';

const at = new Date('2026-11-20T08:00:00.000Z');

describe('domain events', () => {
  beforeAll(() => {
    Logger.overrideLogger(false); // the failing listeners below are logged on purpose
  });

  it('serialise the wire envelope once, matching the typed payload', () => {
    const event = conversationEvent('c', 5, 'message.pinned', { conversationId: 'c', messageId: 'm', pinnedBy: 'u', pinnedAt: at.toISOString() }, at);
    expect(event.audience).toEqual({ scope: 'conversation', conversationId: 'c', seq: 5 });
    expect(JSON.parse(event.json)).toEqual({ conversationId: 'c', seq: 5, type: 'message.pinned', payload: event.payload, createdAt: at.toISOString() });
  });

  it('splice one serialised payload into each user envelope', () => {
    const payload = { conversationId: 'c', lastReadSeq: 4, unreadCount: 0, mentionCount: 0 };
    const events = userEvents(
      [
        { userId: 'a', seq: 3, type: 'read.updated', payload },
        { userId: 'b', seq: 9, type: 'read.updated', payload },
      ],
      at,
    );
    expect(events.map((e) => e.audience)).toEqual([
      { scope: 'user', userId: 'a', seq: 3 },
      { scope: 'user', userId: 'b', seq: 9 },
    ]);
    expect(JSON.parse(events[1].json)).toEqual({ seq: 9, type: 'read.updated', payload: { conversationId: 'c', lastReadSeq: 4, unreadCount: 0, mentionCount: 0 }, createdAt: at.toISOString() });
  });

  it('keep publishing when a listener throws or rejects', async () => {
    const bus = new MessagingEventBus();
    const seen: number[] = [];
    bus.subscribe(() => {
      throw new Error('boom');
    });
    bus.subscribe(() => Promise.reject(new Error('async boom')));
    const unsubscribe = bus.subscribe((e) => {
      seen.push(e.audience.seq);
    });
    const event = conversationEvent('c', 1, 'conversation.archived', { conversationId: 'c', by: 'u' }, at);
    expect(() => bus.publish([event])).not.toThrow();
    unsubscribe();
    bus.publish([event]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([1]);
  });
});
