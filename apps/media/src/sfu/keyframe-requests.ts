/**
 * libwebrtc's encoder honours a key-frame request (PLI) only when its previous honoured one is at
 * least 300 ms old (`kMinKeyframeSendIntervalMs` in video/encoder_rtcp_feedback.cc); a request
 * inside that window is dropped without a word. Requests are therefore spaced further apart than
 * that, with a margin for the path's jitter, so each one sent is one the publisher acts on.
 */
export const KEYFRAME_REQUEST_SPACING_MS = 350;

/**
 * Requests in a row without a key frame before giving up (about 3.5 s): a publisher whose camera
 * is gone or whose uplink is dead is not asked forever. The next want (a subscriber's PLI, the
 * periodic key frame) starts again.
 */
export const KEYFRAME_MAX_UNANSWERED = 10;

/**
 * When to ask one publisher for a key frame on behalf of its subscribers.
 *
 * A subscriber *wants* a key frame from the moment it can receive one (its transport is up, or a
 * new subscription was answered) and the want holds until a key frame actually passes through the
 * SFU. Requests are spaced by KEYFRAME_REQUEST_SPACING_MS; while a want is open the request is
 * repeated at that spacing, so one the publisher dropped (or a key frame lost on the way in) costs
 * one spacing, not the wait for the next periodic key frame. A want that arrives while a requested
 * key frame is still on its way is served by that key frame.
 *
 * A key frame sent to a subscriber before its transport is up is lost, and with libwebrtc it also
 * blocks the next request for 300 ms: so nothing here asks before a subscriber can receive.
 */
export class KeyframeRequests {
  private wanted = false;
  private unanswered = 0;
  private lastRequestAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  /**
   * `send` returns false when it cannot ask yet (nothing received from the publisher): the want
   * stays open, and calling `want()` again once it can sends it.
   */
  constructor(private readonly send: () => boolean) {}

  /** Somebody needs a key frame from now on. */
  want(): void {
    if (this.stopped) return;
    if (!this.wanted) this.unanswered = 0;
    this.wanted = true;
    this.schedule();
  }

  /** A key frame passed through to the subscribers: every want until now is served. */
  keyframeForwarded(): void {
    this.cancel();
  }

  /** Nobody is left to want one (no subscribers, or forwarding stopped). */
  cancel(): void {
    this.wanted = false;
    this.clearTimer();
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  /** Whether a want is open (for tests and stats). */
  get pending(): boolean {
    return this.wanted;
  }

  private schedule(): void {
    if (this.timer || !this.wanted) return;
    const wait = this.lastRequestAt + KEYFRAME_REQUEST_SPACING_MS - Date.now();
    if (wait > 0) return this.arm(wait);
    if (this.unanswered >= KEYFRAME_MAX_UNANSWERED) {
      this.wanted = false;
      return;
    }
    // Not sendable yet (nothing received from the publisher): the caller wants again when it is.
    if (!this.send()) return;
    this.unanswered += 1;
    this.lastRequestAt = Date.now();
    // Still open one spacing later means the publisher dropped the request or its key frame was lost.
    this.arm(KEYFRAME_REQUEST_SPACING_MS);
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, delayMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
