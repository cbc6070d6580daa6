import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { KEYFRAME_MAX_UNANSWERED, KEYFRAME_REQUEST_SPACING_MS, KeyframeRequests } from './keyframe-requests.js';

describe('KeyframeRequests', () => {
  let sent: number[];
  let sendable: boolean;
  let requests: KeyframeRequests;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    sent = [];
    sendable = true;
    requests = new KeyframeRequests(() => {
      if (sendable) sent.push(Date.now());
      return sendable;
    });
  });

  afterEach(() => {
    requests.stop();
    jest.useRealTimers();
  });

  it('asks at once, and not again once a key frame has passed', () => {
    requests.want();
    expect(sent).toHaveLength(1);
    requests.keyframeForwarded();
    jest.advanceTimersByTime(10 * KEYFRAME_REQUEST_SPACING_MS);
    expect(sent).toHaveLength(1);
    expect(requests.pending).toBe(false);
  });

  it('lets a want inside the spacing be served by the key frame already on its way', () => {
    requests.want();
    jest.advanceTimersByTime(40);
    requests.want();
    expect(sent).toHaveLength(1);
    requests.keyframeForwarded();
    jest.advanceTimersByTime(KEYFRAME_REQUEST_SPACING_MS);
    expect(sent).toHaveLength(1);
  });

  it('asks again at the spacing while no key frame comes (the publisher dropped the request)', () => {
    requests.want();
    jest.advanceTimersByTime(KEYFRAME_REQUEST_SPACING_MS);
    jest.advanceTimersByTime(KEYFRAME_REQUEST_SPACING_MS);
    expect(sent).toEqual([1_000_000, 1_000_000 + KEYFRAME_REQUEST_SPACING_MS, 1_000_000 + 2 * KEYFRAME_REQUEST_SPACING_MS]);
  });

  it('never sends two requests closer than libwebrtc honours, and defers a want after a served key frame', () => {
    requests.want();
    jest.advanceTimersByTime(60);
    requests.keyframeForwarded();
    jest.advanceTimersByTime(40);
    requests.want(); // a subscriber connected just after that key frame went by
    expect(sent).toHaveLength(1);
    jest.advanceTimersByTime(KEYFRAME_REQUEST_SPACING_MS - 100);
    expect(sent).toEqual([1_000_000, 1_000_000 + KEYFRAME_REQUEST_SPACING_MS]);
  });

  it('gives up on a publisher that never sends a key frame, until the next want', () => {
    requests.want();
    jest.advanceTimersByTime(30 * KEYFRAME_REQUEST_SPACING_MS);
    expect(sent).toHaveLength(KEYFRAME_MAX_UNANSWERED);
    expect(requests.pending).toBe(false);
    requests.want();
    expect(sent).toHaveLength(KEYFRAME_MAX_UNANSWERED + 1);
  });

  it('keeps a want that cannot be sent yet until the publisher is heard from', () => {
    sendable = false;
    requests.want();
    jest.advanceTimersByTime(5 * KEYFRAME_REQUEST_SPACING_MS);
    expect(sent).toHaveLength(0);
    expect(requests.pending).toBe(true);
    sendable = true;
    requests.want();
    expect(sent).toHaveLength(1);
  });

  it('forgets wants when cancelled and ignores them once stopped', () => {
    requests.want();
    requests.cancel();
    jest.advanceTimersByTime(5 * KEYFRAME_REQUEST_SPACING_MS);
    expect(sent).toHaveLength(1);
    requests.stop();
    requests.want();
    jest.advanceTimersByTime(5 * KEYFRAME_REQUEST_SPACING_MS);
    expect(sent).toHaveLength(1);
  });
});
