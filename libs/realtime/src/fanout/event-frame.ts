/**
 * One socket.io EVENT for the main namespace, encoded once for every recipient: the engine.io
 * text (`42["event",<json>]`) and the complete WebSocket frame carrying it (unmasked, FIN, text
 * opcode, no compression: the server's options). This is exactly what socket.io + engine.io +
 * ws would put on the wire for `emit(event, payload)`; clients use the standard parser.
 */
export interface EventFrame {
  /** The engine.io packet text without its leading "4" (the socket.io packet). */
  readonly packet: string;
  /** Header and payload in one buffer: one socket write per recipient, however many frames. */
  readonly bytes: Buffer;
}

const ENGINE_MESSAGE = '4';
const FIN_TEXT = 0x81;

/** `json` must be one serialised JSON value (messaging serialises each event once). */
export function eventFrame(event: string, json: string): EventFrame {
  const packet = `2[${JSON.stringify(event)},${json}]`;
  const payloadLength = Buffer.byteLength(packet) + ENGINE_MESSAGE.length;
  const headerLength = payloadLength < 126 ? 2 : payloadLength < 65_536 ? 4 : 10;
  const bytes = Buffer.allocUnsafe(headerLength + payloadLength);
  bytes[0] = FIN_TEXT;
  if (headerLength === 2) {
    bytes[1] = payloadLength;
  } else if (headerLength === 4) {
    bytes[1] = 126;
    bytes.writeUInt16BE(payloadLength, 2);
  } else {
    bytes[1] = 127;
    bytes.writeUInt32BE(Math.floor(payloadLength / 2 ** 32), 2);
    bytes.writeUInt32BE(payloadLength >>> 0, 6);
  }
  bytes.write(ENGINE_MESSAGE, headerLength, 'latin1');
  bytes.write(packet, headerLength + 1, 'utf8');
  return { packet, bytes };
}

/** Several frames as one buffer (frames are self-delimiting on the wire). */
export function concatFrames(frames: readonly EventFrame[]): Buffer {
  return frames.length === 1 ? frames[0].bytes : Buffer.concat(frames.map((f) => f.bytes));
}
