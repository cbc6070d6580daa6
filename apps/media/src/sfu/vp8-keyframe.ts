/**
 * Whether an RTP payload is the first packet of a VP8 key frame (RFC 7741): the payload
 * descriptor says "start of partition 0", and the first byte of the VP8 frame header has its
 * inverse key-frame bit clear. Reads a handful of bytes and allocates nothing, so it can run on
 * every forwarded video packet.
 */
export function isVp8KeyframeStart(payload: Uint8Array): boolean {
  if (payload.length < 1) return false;
  const descriptor = payload[0];
  const startOfPartition = (descriptor & 0x10) !== 0;
  const partitionIndex = descriptor & 0x07;
  if (!startOfPartition || partitionIndex !== 0) return false;
  let offset = 1;
  if (descriptor & 0x80) {
    // Extension byte: I (picture id), L (TL0PICIDX), T/K (TID/KEYIDX) say which optional fields follow.
    const extension = payload[offset++];
    if (extension === undefined) return false;
    if (extension & 0x80) {
      const pictureId = payload[offset];
      if (pictureId === undefined) return false;
      offset += pictureId & 0x80 ? 2 : 1;
    }
    if (extension & 0x40) offset += 1;
    if (extension & 0x30) offset += 1;
  }
  const header = payload[offset];
  return header !== undefined && (header & 0x01) === 0;
}
