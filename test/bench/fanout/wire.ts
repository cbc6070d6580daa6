/**
 * The load generator stays light by never decoding frames with a full client: it scans raw
 * frames for the send timestamp the sender embedded in the message text.
 */
export const TS_MARKER = Buffer.from('\u00a7ts=');

/** Extracts the timestamp written as `§ts=<ms>§` from a raw frame, or undefined. */
export function timestampIn(frame: Buffer): number | undefined {
  const at = frame.indexOf(TS_MARKER);
  if (at === -1) return undefined;
  let end = at + TS_MARKER.length;
  while (end < frame.length && ((frame[end] >= 0x30 && frame[end] <= 0x39) || frame[end] === 0x2e)) end++;
  return Number(frame.toString('latin1', at + TS_MARKER.length, end));
}

export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export function markedText(seq: number): string {
  return `bench message ${seq} \u00a7ts=${nowMs().toFixed(3)}\u00a7`;
}
