/**
 * RFC 6464 audio levels are -dBov, 0 (loudest) to 127 (silence). Speech into a headset or laptop
 * microphone sits around -20 to -45 dBov; room noise below -55.
 */
export const VOICED_LEVEL = 50;
/** How far back voiced packets count towards starting to speak. */
export const SPEAKING_WINDOW_MS = 500;
/** Voiced packets inside the window that make someone speaking: 8 × 20 ms of a 500 ms window. */
export const SPEAKING_MIN_VOICED = 8;
/** Silence that ends speaking: pauses between words and sentences do not flicker the indicator. */
export const SPEAKING_HANGOVER_MS = 800;

/**
 * Whether one participant is speaking, from the audio level each of their audio packets carries
 * (the `ssrc-audio-level` header extension the browser fills in): nothing is decoded. Starting
 * needs a run of voiced packets (a cough or a click is not speech), stopping needs a pause
 * (`tick` ends it when no packets come at all, e.g. the microphone was muted).
 */
export class SpeakingDetector {
  private voicedAt: number[] = [];
  private lastVoicedAt = Number.NEGATIVE_INFINITY;
  private speakingNow = false;

  get speaking(): boolean {
    return this.speakingNow;
  }

  /** One audio packet's level; returns the new state when it changed. */
  observe(level: number, now: number): boolean | undefined {
    if (level <= VOICED_LEVEL) {
      this.lastVoicedAt = now;
      this.voicedAt.push(now);
      while (this.voicedAt.length > 0 && this.voicedAt[0] <= now - SPEAKING_WINDOW_MS) this.voicedAt.shift();
      if (!this.speakingNow && this.voicedAt.length >= SPEAKING_MIN_VOICED) return this.set(true);
    }
    return this.tick(now);
  }

  /** Time passing; returns false when the speaker has been quiet long enough. */
  tick(now: number): boolean | undefined {
    if (this.speakingNow && now - this.lastVoicedAt >= SPEAKING_HANGOVER_MS) return this.set(false);
    return undefined;
  }

  /** The source stopped being forwarded (host mute, unpublished): not speaking, and start afresh. */
  reset(): boolean | undefined {
    this.voicedAt = [];
    this.lastVoicedAt = Number.NEGATIVE_INFINITY;
    return this.speakingNow ? this.set(false) : undefined;
  }

  private set(speaking: boolean): boolean {
    this.speakingNow = speaking;
    if (!speaking) this.voicedAt = [];
    return speaking;
  }
}
