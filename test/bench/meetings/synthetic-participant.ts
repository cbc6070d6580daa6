import type { MediaEvent, MediaSource, SfuOffer } from '@enclave/contracts';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift';
import type { MediaCommandClient } from './media-command-client.js';

/** A werift client that behaves like a browser tab in a meeting, on 127.0.0.1 only. */
const CLIENT_CONFIG = {
  iceServers: [],
  iceUseIpv4: false,
  iceUseIpv6: false,
  iceInterfaceAddresses: { udp4: '127.0.0.1' },
  iceAdditionalHostAddresses: ['127.0.0.1'],
  bundlePolicy: 'max-bundle' as const,
};

export interface SyntheticParticipantOptions {
  readonly meetingId: string;
  readonly participantId: string;
  readonly userId?: string;
  readonly publish?: readonly MediaSource[];
}

export interface RtpStreamOptions {
  readonly packetsPerSecond: number;
  readonly payloadBytes: number;
}

/** ~500 kbit/s of VP8-sized packets; ~20 ms Opus frames. */
export const VIDEO_500K: RtpStreamOptions = { packetsPerSecond: 50, payloadBytes: 1200 };
export const OPUS_STREAM: RtpStreamOptions = { packetsPerSecond: 50, payloadBytes: 120 };

/**
 * Joins through the media protocol, answers every offer the SFU makes (attaching its own tracks
 * to the publish slots by mid), sends synthetic RTP, and counts what arrives per sender and
 * source. Not a decoder: payloads are opaque, which is all an SFU sees either.
 */
export class SyntheticParticipant {
  readonly pc = new RTCPeerConnection(CLIENT_CONFIG);
  readonly offers: SfuOffer[] = [];
  /** Packets received, by "participantId/source" of the sender. */
  readonly received = new Map<string, number>();
  receivedTotal = 0;
  private readonly tracks = new Map<MediaSource, MediaStreamTrack>();
  private readonly hooked = new Set<RTCRtpTransceiver>();
  private subscriptionByMid = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private negotiation: Promise<void> = Promise.resolve();
  private gate: Promise<void> = Promise.resolve();
  private stopEvents: (() => void) | undefined;
  readonly meetingId: string;
  readonly participantId: string;

  constructor(
    private readonly client: MediaCommandClient,
    private readonly options: SyntheticParticipantOptions,
  ) {
    this.meetingId = options.meetingId;
    this.participantId = options.participantId;
  }

  get revision(): number {
    return this.offers.at(-1)?.revision ?? 0;
  }

  get lastOffer(): SfuOffer | undefined {
    return this.offers.at(-1);
  }

  /** Joins and answers the first offer; later offers (events) are answered as they come. */
  async join(): Promise<void> {
    this.stopEvents = this.client.onEvent((event: MediaEvent) => {
      if (event.type === 'offer' && event.participantId === this.participantId) this.enqueue(event.offer);
    });
    const { offer } = await this.client.call({
      type: 'join',
      meetingId: this.options.meetingId,
      participantId: this.participantId,
      userId: this.options.userId ?? `user-${this.participantId}`,
      displayName: this.participantId,
      publish: [...(this.options.publish ?? [])],
    });
    this.enqueue(offer);
    await this.negotiation;
  }

  /** Resolves once every offer so far is answered. */
  settled(): Promise<void> {
    return this.negotiation;
  }

  /** Writes synthetic RTP for `source` on a timer until stop(). */
  startSending(source: MediaSource, stream: RtpStreamOptions): void {
    const track = this.trackFor(source);
    const video = source !== 'audio';
    const ssrc = (Math.random() * 0xffffffff) >>> 0;
    let sequenceNumber = Math.floor(Math.random() * 0xffff);
    let timestamp = (Math.random() * 0xffffffff) >>> 0;
    const step = video ? 90_000 / stream.packetsPerSecond : 48_000 / stream.packetsPerSecond;
    // Timers fire in batches on a busy machine: send what is due, not one per tick.
    const started = performance.now();
    let sent = 0;
    const payload = Buffer.alloc(stream.payloadBytes, 0xab);
    if (video) payload[0] = 0x10; // VP8 payload descriptor: start of partition
    const timer = setInterval(() => {
      const due = Math.floor(((performance.now() - started) / 1000) * stream.packetsPerSecond);
      for (; sent < due; sent++) {
        sequenceNumber = (sequenceNumber + 1) & 0xffff;
        timestamp = (timestamp + step) >>> 0;
        track.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 96, sequenceNumber, timestamp, ssrc, marker: true }), payload));
      }
    }, 10);
    this.timers.add(timer);
  }

  /** Holds answers back (offers are still applied locally) until the returned function is called. */
  holdAnswers(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    return release;
  }

  receivedFrom(participantId: string, source: MediaSource): number {
    return this.received.get(`${participantId}/${source}`) ?? 0;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.clear();
    this.stopEvents?.();
    await this.pc.close().catch(() => undefined);
  }

  private enqueue(offer: SfuOffer): void {
    this.negotiation = this.negotiation.then(() => this.answer(offer));
  }

  private async answer(offer: SfuOffer): Promise<void> {
    this.offers.push(offer);
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    const transceivers = this.pc.getTransceivers();
    for (const slot of offer.publish) {
      const transceiver = transceivers.find((t) => t.mid === slot.mid);
      if (!transceiver) continue;
      transceiver.setDirection('sendonly');
      await transceiver.sender.replaceTrack(this.trackFor(slot.source));
    }
    this.subscriptionByMid = new Map(offer.subscriptions.map((s) => [s.mid, `${s.participantId}/${s.source}`]));
    for (const transceiver of transceivers) this.hook(transceiver);
    // Like the SFU (werift-participant.ts): no srflx query to werift's fallback public STUN server.
    for (const { connection } of this.pc.iceTransports) connection.stunServer = undefined;
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await this.gathered();
    await this.gate;
    await this.client.call({ type: 'answer', participantId: this.participantId, revision: offer.revision, sdp: this.pc.localDescription!.sdp });
  }

  private hook(transceiver: RTCRtpTransceiver): void {
    if (this.hooked.has(transceiver)) return;
    this.hooked.add(transceiver);
    const count = () => {
      const key = transceiver.mid ? this.subscriptionByMid.get(transceiver.mid) : undefined;
      this.receivedTotal += 1;
      if (key) this.received.set(key, (this.received.get(key) ?? 0) + 1);
    };
    // werift creates the track from the offer's a=ssrc during setRemoteDescription, before we get here.
    const counted = new Set<MediaStreamTrack>();
    const attach = (track: MediaStreamTrack) => {
      if (counted.has(track)) return;
      counted.add(track);
      track.onReceiveRtp.subscribe(count);
    };
    transceiver.receiver.tracks.forEach(attach);
    transceiver.onTrack.subscribe(attach);
  }

  private trackFor(source: MediaSource): MediaStreamTrack {
    let track = this.tracks.get(source);
    if (!track) {
      track = new MediaStreamTrack({ kind: source === 'audio' ? 'audio' : 'video' });
      this.tracks.set(source, track);
    }
    return track;
  }

  private gathered(): Promise<void> {
    // Without m-lines there is no transport and nothing to gather.
    if (this.pc.iceGatheringState === 'complete' || this.pc.getTransceivers().length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const { unSubscribe } = this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') {
          unSubscribe();
          resolve();
        }
      });
    });
  }
}
