import type { MediaSource } from '@enclave/contracts';
import type { MediaStreamTrack, RTCRtpSender, RTCRtpTransceiver, RtpPacket } from 'werift';
import { sourceKind, type RosterPublication } from '../sfu-roster.js';

/**
 * Floor between two key-frame requests to one publisher (a PLI storm from many subscribers
 * costs the publisher bandwidth). 200 ms, not more: a new subscriber's first key frame is the
 * request that falls after its connection came up, and with 500 ms it waited ~300 ms there
 * (join to first frame p50 596 ms → 498 ms with 200 ms, `npm run bench -- meetings`).
 */
const KEYFRAME_MIN_INTERVAL_MS = 200;

/** One handler for every packet's send rejection, not a new closure per packet per subscriber. */
const ignoreSendFailure = (): undefined => undefined;

interface Subscriber {
  readonly sender: RTCRtpSender;
  readonly stopPliListener: () => void;
}

/**
 * One published source: RTP arriving on the publisher's receiving transceiver is handed to every
 * subscriber's sender as it is. werift's sender clones the packet and rewrites the SSRC and
 * payload type to what that subscriber negotiated, keeps a send history for NACKs, and encrypts;
 * nothing is decoded here.
 */
export class WeriftPublication {
  readonly key: string;
  readonly participantId: string;
  readonly userId: string;
  readonly source: MediaSource;
  private readonly subscribers = new Map<string, Subscriber>();
  private forwarding: boolean;
  private receiver: RTCRtpTransceiver | undefined;
  private track: MediaStreamTrack | undefined;
  private stopTrackListener: (() => void) | undefined;
  private stopReceiverListener: (() => void) | undefined;
  private lastKeyframeRequest = 0;
  private keyframeTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly forward = (rtp: RtpPacket) => {
    if (!this.forwarding) return;
    for (const { sender } of this.subscribers.values()) {
      // A sender whose transport is closing rejects; the next offer removes it.
      sender.sendRtp(rtp).catch(ignoreSendFailure);
    }
  };

  constructor(publication: RosterPublication, forwarding: boolean) {
    this.key = publication.key;
    this.participantId = publication.participantId;
    this.userId = publication.userId;
    this.source = publication.source;
    this.forwarding = forwarding;
  }

  get kind(): 'audio' | 'video' {
    return sourceKind(this.source);
  }

  /** The publisher's transceiver for this source (its publish slot). */
  bindReceiver(transceiver: RTCRtpTransceiver): void {
    if (this.closed || this.receiver === transceiver) return;
    this.unbindReceiver();
    this.receiver = transceiver;
    this.stopReceiverListener = transceiver.onTrack.subscribe((track) => this.attachTrack(track)).unSubscribe;
    const existing = transceiver.receiver.tracks.at(-1);
    if (existing) this.attachTrack(existing);
  }

  addSubscriber(subscriberId: string, sender: RTCRtpSender): void {
    if (this.closed) return;
    this.removeSubscriber(subscriberId);
    // A reused sender carried another source before: continue its sequence numbers and timestamps.
    sender.replaceRTP({ sequenceNumber: 0, timestamp: 0 });
    const stopPliListener = sender.onPictureLossIndication.subscribe(() => this.requestKeyframe()).unSubscribe;
    this.subscribers.set(subscriberId, { sender, stopPliListener });
    this.requestKeyframe();
  }

  removeSubscriber(subscriberId: string): void {
    const subscriber = this.subscribers.get(subscriberId);
    if (!subscriber) return;
    subscriber.stopPliListener();
    this.subscribers.delete(subscriberId);
  }

  /** The host's mute: packets are dropped here, the m-lines stay. */
  setForwarding(forwarding: boolean): void {
    if (forwarding === this.forwarding) return;
    this.forwarding = forwarding;
    if (forwarding) {
      // Subscribers must see no gap they would NACK, and need a key frame to decode again.
      for (const { sender } of this.subscribers.values()) sender.replaceRTP({ sequenceNumber: 0, timestamp: 0 });
      this.requestKeyframe();
    }
  }

  /** Asks the publisher for a key frame (RTCP PLI), at most once per KEYFRAME_MIN_INTERVAL_MS; a request inside that window is sent at its end. */
  requestKeyframe(): void {
    if (this.closed || this.kind !== 'video' || this.subscribers.size === 0 || this.keyframeTimer) return;
    const wait = this.lastKeyframeRequest + KEYFRAME_MIN_INTERVAL_MS - Date.now();
    if (wait > 0) {
      this.keyframeTimer = setTimeout(() => {
        this.keyframeTimer = undefined;
        this.requestKeyframe();
      }, wait);
      this.keyframeTimer.unref();
      return;
    }
    const ssrc = this.track?.ssrc;
    if (!this.receiver || ssrc === undefined) return; // nothing received yet: the first packet triggers it
    this.lastKeyframeRequest = Date.now();
    this.receiver.receiver.sendRtcpPLI(ssrc).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    if (this.keyframeTimer) clearTimeout(this.keyframeTimer);
    this.keyframeTimer = undefined;
    this.unbindReceiver();
    for (const id of [...this.subscribers.keys()]) this.removeSubscriber(id);
  }

  private attachTrack(track: MediaStreamTrack): void {
    if (this.track === track) return;
    this.stopTrackListener?.();
    this.track = track;
    this.stopTrackListener = track.onReceiveRtp.subscribe(this.forward).unSubscribe;
    this.requestKeyframe();
  }

  private unbindReceiver(): void {
    this.stopReceiverListener?.();
    this.stopTrackListener?.();
    this.stopReceiverListener = undefined;
    this.stopTrackListener = undefined;
    this.receiver = undefined;
    this.track = undefined;
  }
}
