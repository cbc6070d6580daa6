import { describe, expect, it } from '@jest/globals';
import { SPEAKING_HANGOVER_MS, SpeakingDetector } from './speaking-detector.js';

/** Feeds 20 ms packets of `level` from `start` for `ms`; returns the state changes with their times. */
function feed(detector: SpeakingDetector, level: number, start: number, ms: number): Array<[number, boolean]> {
  const changes: Array<[number, boolean]> = [];
  for (let t = start; t < start + ms; t += 20) {
    const change = detector.observe(level, t);
    if (change !== undefined) changes.push([t, change]);
  }
  return changes;
}

describe('SpeakingDetector', () => {
  it('starts after a short run of speech and stops after a pause, not at every gap between words', () => {
    const detector = new SpeakingDetector();
    expect(feed(detector, 127, 0, 1000)).toEqual([]);
    expect(feed(detector, 30, 1000, 1000)).toEqual([[1140, true]]);
    // A 400 ms pause between sentences keeps the speaker speaking.
    expect(feed(detector, 127, 2000, 400)).toEqual([]);
    expect(feed(detector, 30, 2400, 200)).toEqual([]);
    expect(feed(detector, 127, 2600, 2000)).toEqual([[2580 + SPEAKING_HANGOVER_MS, false]]);
  });

  it('ignores a beep, a click or room noise', () => {
    const detector = new SpeakingDetector();
    // Chromium's fake microphone: one 20 ms beep every 500 ms.
    for (let t = 0; t < 5000; t += 500) expect(feed(detector, 10, t, 20).concat(feed(detector, 127, t + 20, 480))).toEqual([]);
    expect(feed(detector, 65, 5000, 2000)).toEqual([]);
  });

  it('ends speaking when packets stop coming, and on reset', () => {
    const detector = new SpeakingDetector();
    feed(detector, 30, 0, 400);
    expect(detector.speaking).toBe(true);
    expect(detector.tick(400)).toBeUndefined();
    expect(detector.tick(380 + SPEAKING_HANGOVER_MS)).toBe(false);

    feed(detector, 30, 2000, 400);
    expect(detector.reset()).toBe(false);
    expect(detector.reset()).toBeUndefined();
    expect(feed(detector, 30, 2400, 100)).toEqual([]);
  });
});
