import { describe, expect, it } from '@jest/globals';
import { Decoder, PacketType } from 'socket.io-parser';
import { RawJson } from './raw-json.js';
import { RawJsonEncoder } from './raw-json.parser.js';

function decode(text: string): unknown {
  const decoder = new Decoder();
  let out: unknown;
  decoder.on('decoded', (p: { data?: unknown }) => {
    out = p.data;
  });
  decoder.add(text);
  return out;
}

describe('RawJsonEncoder', () => {
  const encoder = new RawJsonEncoder();

  it('splices a pre-serialised payload into a standard frame', () => {
    const payload = JSON.stringify({ seq: 7, text: 'héllo "quoted"' });
    const [frame] = encoder.encode({ type: PacketType.EVENT, nsp: '/', data: ['conversation.event', new RawJson(payload)] });
    expect(frame).toBe(`2["conversation.event",${payload}]`);
    expect(decode(frame as string)).toEqual(['conversation.event', { seq: 7, text: 'héllo "quoted"' }]);
  });

  it('recognises the tagged form a Redis adapter round trip produces', () => {
    const tagged = JSON.parse(JSON.stringify(new RawJson('{"a":1}'))) as unknown;
    expect(encoder.encode({ type: PacketType.EVENT, nsp: '/', data: ['x', tagged] })).toEqual(['2["x",{"a":1}]']);
  });

  it('encodes everything else like the default encoder', () => {
    expect(encoder.encode({ type: PacketType.EVENT, nsp: '/', data: ['x', { a: 1 }], id: 3 })).toEqual(['23["x",{"a":1}]']);
    expect(encoder.encode({ type: PacketType.ACK, nsp: '/', data: [{ ok: true }], id: 4 })).toEqual(['34[{"ok":true}]']);
  });
});
