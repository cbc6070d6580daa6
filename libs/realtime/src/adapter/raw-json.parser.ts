// socket.io-parser is socket.io's own dependency (same version socket.io loads); importing
// it is how a custom parser reuses the standard Decoder and wire format.
import { Decoder, Encoder, PacketType, protocol, type Packet } from 'socket.io-parser';
import { rawJsonText } from './raw-json.js';

/**
 * Standard socket.io wire format (clients use the default parser), except that an EVENT
 * whose only argument is a RawJson is written as `2["event",<raw json>]` without a second
 * serialisation.
 */
export class RawJsonEncoder extends Encoder {
  override encode(packet: Packet): Array<string | Buffer> {
    if (packet.type === PacketType.EVENT && Array.isArray(packet.data) && packet.data.length === 2 && typeof packet.data[0] === 'string') {
      const raw = rawJsonText(packet.data[1]);
      if (raw !== undefined) {
        let head = String(PacketType.EVENT);
        if (packet.nsp && packet.nsp !== '/') head += `${packet.nsp},`;
        if (packet.id !== undefined && packet.id !== null) head += String(packet.id);
        return [`${head}[${JSON.stringify(packet.data[0])},${raw}]`];
      }
    }
    return super.encode(packet) as Array<string | Buffer>;
  }
}

export const rawJsonParser = { protocol, Encoder: RawJsonEncoder, Decoder };
