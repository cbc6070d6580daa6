import type { MediaSource } from '@enclave/contracts';
import { RTP_EXTENSION_URI, type Extensions, type MediaStreamTrack, type RTCRtpSender, type RTCRtpTransceiver, type RtpPacket } from 'werift';
import { KeyframeRequests } from '../keyframe-requests.js';
import { sourceKind, type RosterPublication } from '../sfu-roster.js';
import { SpeakingDetector } from '../speaking-detector.js';
import { isVp8KeyframeStart } from '../vp8-keyframe.js';

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
  private readonly keyframes = new KeyframeRequests(() => this.sendPli());
  /** Audio only: who is speaking, from the level each packet carries. */
  private readonly speaking: SpeakingDetector | undefined;
  private closed = false;
  private readonly forward = (rtp: RtpPacket, extensions?: Extensions) => {
    if (!this.forwarding) return;
    if (this.speaking) {
      const level = (extensions?.[RTP_EXTENSION_URI.audioLevelIndication] as { level?: number } | undefined)?.level;
      if (level !== undefined) this.reportSpeaking(this.speaking.observe(level, Date.now()));
    }
    if (this.subscribers.size === 0) return;
    // Only VP8 is negotiated for video (werift-peer-config.ts).
    if (this.keyframes.pending && this.kind === 'video' && isVp8KeyframeStart(rtp.payload)) this.keyframes.keyframeForwarded();
    for (const { sender } of this.subscribers.values()) {
      // A sender whose transport is closing rejects; the next offer removes it.
      sender.sendRtp(rtp).catch(ignoreSendFailure);
    }
  };

  constructor(
    publication: RosterPublication,
    forwarding: boolean,
    /** Called when this (audio) publication's speaker starts or stops speaking. */
    private readonly onSpeaking?: (speaking: boolean) => void,
  ) {
    this.key = publication.key;
    this.participantId = publication.participantId;
    this.userId = publication.userId;
    this.source = publication.source;
    this.forwarding = forwarding;
    if (publication.source === 'audio') this.speaking = new SpeakingDetector();
  }

  /** Time passing without packets (a muted microphone sends none): ends speaking after the pause. */
  tickSpeaking(now: number): void {
    this.reportSpeaking(this.speaking?.tick(now));
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
    // No key frame asked for yet: the subscriber's transport may not be up (see requestKeyframe).
    this.subscribers.set(subscriberId, { sender, stopPliListener });
  }

  removeSubscriber(subscriberId: string): void {
    const subscriber = this.subscribers.get(subscriberId);
    if (!subscriber) return;
    subscriber.stopPliListener();
    this.subscribers.delete(subscriberId);
    if (this.subscribers.size === 0) this.keyframes.cancel();
  }

  /** The host's mute: packets are dropped here, the m-lines stay. */
  setForwarding(forwarding: boolean): void {
    if (forwarding === this.forwarding) return;
    this.forwarding = forwarding;
    if (!forwarding) {
      this.keyframes.cancel();
      // Nobody hears a host-muted source: nobody should see it speaking either.
      this.reportSpeaking(this.speaking?.reset());
    }
    if (forwarding) {
      // Subscribers must see no gap they would NACK, and need a key frame to decode again.
      for (const { sender } of this.subscribers.values()) sender.replaceRTP({ sequenceNumber: 0, timestamp: 0 });
      this.requestKeyframe();
    }
  }

  /**
   * A subscriber can receive from now on and needs a key frame to start decoding: its transport
   * just came up, or a subscription was added to a connected one. Asking earlier is worse than
   * useless (see KeyframeRequests).
   */
  requestKeyframe(): void {
    if (this.closed || this.kind !== 'video' || !this.forwarding || this.subscribers.size === 0) return;
    this.keyframes.want();
  }

  close(): void {
    this.reportSpeaking(this.speaking?.reset());
    this.closed = true;
    this.keyframes.stop();
    this.unbindReceiver();
    for (const id of [...this.subscribers.keys()]) this.removeSubscriber(id);
  }

  private attachTrack(track: MediaStreamTrack): void {
    if (this.track === track) return;
    this.stopTrackListener?.();
    this.track = track;
    this.stopTrackListener = track.onReceiveRtp.subscribe(this.forward).unSubscribe;
    // A want that waited for the publisher's first packet can be sent now.
    if (this.keyframes.pending) this.keyframes.want();
  }

  private reportSpeaking(change: boolean | undefined): void {
    if (change !== undefined && !this.closed) this.onSpeaking?.(change);
  }

  /** RTCP PLI to the publisher; false while nothing has been received to ask about. */
  private sendPli(): boolean {
    const ssrc = this.track?.ssrc;
    if (!this.receiver || ssrc === undefined) return false;
    this.receiver.receiver.sendRtcpPLI(ssrc).catch(() => undefined);
    return true;
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
