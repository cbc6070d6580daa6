import { describe, expect, it } from '@jest/globals';
import { RealtimeGateway } from './realtime.gateway.js';
import { WS_EVENT_PERMISSIONS, WS_PERMISSION } from './ws-event.decorator.js';

// Nest's metadata keys for @SubscribeMessage (not exported from the package entry point).
const MESSAGE_MAPPING_METADATA = 'websockets:message_mapping';
const MESSAGE_METADATA = 'message';

// Deny by default (ARCHITECTURE.md §2.4): a WebSocket event without a declared permission fails here.
describe('RealtimeGateway permissions', () => {
  const proto = RealtimeGateway.prototype as unknown as Record<string, object>;
  const handlers = Object.getOwnPropertyNames(proto).filter((name) => Reflect.getMetadata(MESSAGE_MAPPING_METADATA, proto[name]) === true);

  it('declares a permission on every event handler', () => {
    expect(handlers.length).toBeGreaterThan(0);
    for (const name of handlers) {
      expect([name, Reflect.getMetadata(WS_PERMISSION, proto[name])]).toEqual([name, expect.any(String)]);
    }
  });

  it('has exactly these events and permissions', () => {
    const declared = Object.fromEntries(handlers.map((name) => [Reflect.getMetadata(MESSAGE_METADATA, proto[name]) as string, Reflect.getMetadata(WS_PERMISSION, proto[name]) as string]));
    expect(Object.fromEntries(WS_EVENT_PERMISSIONS)).toEqual(declared);
    expect(declared).toEqual({
      'message.send': 'message.create',
      'thread.reply': 'message.create',
      'message.edit': 'message.edit.own',
      'message.delete': 'message.delete.own | message.delete.any',
      'reaction.set': 'message.react',
      'read.mark': 'message.read_state',
      sync: 'message.read',
      'typing.start': 'typing.send',
      'typing.stop': 'typing.send',
      'presence.set': 'presence.set',
      'presence.subscribe': 'presence.read',
      'presence.unsubscribe': 'presence.read',
    });
  });
});
