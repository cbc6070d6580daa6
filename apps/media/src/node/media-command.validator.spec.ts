import { describe, expect, it } from '@jest/globals';
import { parseMediaRequest } from './media-command.validator.js';

const PREFIX = 'enclave:';
const envelope = (command: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ id: 'r1', replyTo: 'enclave:media:reply:server-1', command, ...extra });

describe('parseMediaRequest', () => {
  it('accepts every command of the protocol', () => {
    const commands = [
      { type: 'join', meetingId: 'm', participantId: 'p', userId: 'u', displayName: 'Ann', publish: ['audio', 'video'] },
      { type: 'answer', participantId: 'p', revision: 3, sdp: 'v=0' },
      { type: 'candidate', participantId: 'p', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: null, usernameFragment: null } },
      { type: 'publish', participantId: 'p', source: 'screen', on: true },
      { type: 'mute', participantId: 'p', source: 'audio', muted: true },
      { type: 'leave', participantId: 'p' },
      { type: 'end', meetingId: 'm' },
    ];
    for (const command of commands) {
      expect(parseMediaRequest(envelope(command), PREFIX)).toEqual({ kind: 'valid', request: { id: 'r1', replyTo: 'enclave:media:reply:server-1', command } });
    }
  });

  it.each([
    ['an unknown type', { type: 'explode' }],
    ['a missing field', { type: 'leave' }],
    ['an unknown source', { type: 'publish', participantId: 'p', source: 'smell', on: true }],
    ['a revision that is not a positive integer', { type: 'answer', participantId: 'p', revision: 0, sdp: 'v=0' }],
    ['an extra field', { type: 'end', meetingId: 'm', also: 1 }],
    ['an overlong id', { type: 'leave', participantId: 'p'.repeat(200) }],
    ['a string', 'leave'],
  ])('answers %s as an invalid command', (_what, command) => {
    expect(parseMediaRequest(envelope(command), PREFIX)).toMatchObject({ kind: 'invalid', id: 'r1', replyTo: 'enclave:media:reply:server-1' });
  });

  it.each([
    ['not JSON', '{'],
    ['no id', JSON.stringify({ replyTo: 'enclave:media:reply:x', command: {} })],
    ['a reply channel outside the deployment', JSON.stringify({ id: 'r', replyTo: 'other:media:reply:x', command: {} })],
    ['an oversized message', 'x'.repeat(200_000)],
  ])('drops %s: there is nobody to answer', (_what, raw) => {
    expect(parseMediaRequest(raw, PREFIX).kind).toBe('unanswerable');
  });
});
