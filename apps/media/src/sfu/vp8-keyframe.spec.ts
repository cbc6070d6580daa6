import { describe, expect, it } from '@jest/globals';
import { isVp8KeyframeStart } from './vp8-keyframe.js';

/** A VP8 RTP payload: descriptor bytes, then the first byte of the VP8 frame header. */
const payload = (...bytes: number[]) => Uint8Array.from(bytes);

describe('isVp8KeyframeStart', () => {
  it('sees a key frame at the start of partition 0, with or without the extended descriptor', () => {
    expect(isVp8KeyframeStart(payload(0x10, 0x00))).toBe(true);
    // X, I with a 15-bit picture id (M set: two bytes), L, T/K: Chromium's usual descriptor.
    expect(isVp8KeyframeStart(payload(0x90, 0xe0, 0x80 | 0x12, 0x34, 0x05, 0x20, 0x00))).toBe(true);
    // I with a 7-bit picture id.
    expect(isVp8KeyframeStart(payload(0x90, 0x80, 0x12, 0x00))).toBe(true);
  });

  it('says no to an inter frame, a later packet of the frame, a later partition, or a truncated packet', () => {
    expect(isVp8KeyframeStart(payload(0x10, 0x01))).toBe(false);
    expect(isVp8KeyframeStart(payload(0x00, 0x00))).toBe(false);
    expect(isVp8KeyframeStart(payload(0x11, 0x00))).toBe(false);
    expect(isVp8KeyframeStart(payload(0x90, 0xe0, 0x80 | 0x12))).toBe(false);
    expect(isVp8KeyframeStart(payload())).toBe(false);
  });
});
