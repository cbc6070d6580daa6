import { MediaErrorCode, type IceCandidateInit, type MediaPublishSlot, type MediaSource, type MediaSubscription } from '@enclave/contracts';
import { RTCPeerConnection, type PeerConfig, type RTCRtpTransceiver } from 'werift';
import { candidateAddress, sectionMids, validateAnswerSdp, validateCandidate } from '../answer-validation.js';
import { MediaError } from '../media-error.js';
import { NegotiationState } from '../negotiation-state.js';
import { SerialQueue } from '../serial-queue.js';
import { publicationKey, sourceKind, type RosterPublication } from '../sfu-roster.js';
import { keepEarlyDtlsRecords } from './early-dtls-records.js';
import type { WeriftPublication } from './werift-publication.js';

type Kind = 'audio' | 'video';

/**
 * werift picks a port by binding and closing a probe socket, then binds again: two peer
 * connections gathering at once can pick the same port, and the loser's socket emits an
 * unhandled 'error'. Gathering is therefore one at a time per process (it takes milliseconds:
 * there is one host address and no STUN).
 */
const gatheringQueue = new SerialQueue();
const GATHER_TIMEOUT_MS = 10_000;
/** A client trickles a handful; more before its first answer is not a browser. */
const MAX_EARLY_CANDIDATES = 64;

export interface WeriftOffer {
  readonly sdp: string;
  readonly publish: MediaPublishSlot[];
  readonly subscriptions: MediaSubscription[];
}

interface Subscription {
  readonly transceiver: RTCRtpTransceiver;
  readonly publication: RosterPublication;
  /** The publication object it receives from: a source stopped and started again is a new one. */
  source: WeriftPublication | undefined;
}

/**
 * The SFU's one peer connection with one participant. Its transceivers follow the roster at
 * each offer: a recvonly one per publish slot, a sendonly one per subscription. A transceiver
 * that is no longer needed goes inactive and is reused for the next slot or subscription of the
 * same kind, so the SDP does not grow with every join and leave.
 */
export class WeriftParticipant {
  readonly pc: RTCPeerConnection;
  readonly queue = new SerialQueue();
  readonly negotiation = new NegotiationState();
  private readonly publishSlots = new Map<MediaSource, RTCRtpTransceiver>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly idleReceivers: Record<Kind, RTCRtpTransceiver[]> = { audio: [], video: [] };
  private readonly idleSenders: Record<Kind, RTCRtpTransceiver[]> = { audio: [], video: [] };
  /** Subscriptions offered since the last answer: they need a key frame once answered. */
  private addedSubscriptions = new Set<string>();
  private offeredMids: string[] = [];
  private earlyCandidates: IceCandidateInit[] | undefined = [];
  private gathered = false;
  private closedFlag = false;

  constructor(
    readonly meetingId: string,
    readonly participantId: string,
    config: Partial<PeerConfig>,
  ) {
    this.pc = new RTCPeerConnection(config);
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** The publications this participant currently receives (for key frame requests once it connects). */
  subscribedKeys(): string[] {
    return [...this.subscriptions.keys()];
  }

  /** The subscriptions added since the last call (the offers they came in have now been answered). */
  takeAddedSubscriptions(): string[] {
    const added = [...this.addedSubscriptions].filter((key) => this.subscriptions.has(key));
    this.addedSubscriptions.clear();
    return added;
  }

  /** Brings the transceivers in line with what the participant should publish and receive now. */
  syncTransceivers(publish: readonly MediaSource[], wanted: readonly RosterPublication[], publications: ReadonlyMap<string, WeriftPublication>): void {
    for (const [source, transceiver] of this.publishSlots) {
      if (publish.includes(source)) continue;
      this.publishSlots.delete(source);
      transceiver.setDirection('inactive');
      this.idleReceivers[sourceKind(source)].push(transceiver);
    }
    for (const source of publish) {
      const kind = sourceKind(source);
      let transceiver = this.publishSlots.get(source);
      if (!transceiver) {
        transceiver = this.idleReceivers[kind].shift() ?? this.pc.addTransceiver(kind, { direction: 'recvonly' });
        transceiver.setDirection('recvonly');
        this.publishSlots.set(source, transceiver);
      }
      publications.get(publicationKey(this.participantId, source))?.bindReceiver(transceiver);
    }

    const wantedKeys = new Set(wanted.map((publication) => publication.key));
    for (const [key, subscription] of this.subscriptions) {
      if (wantedKeys.has(key)) continue;
      this.subscriptions.delete(key);
      publications.get(key)?.removeSubscriber(this.participantId);
      subscription.transceiver.setDirection('inactive');
      this.idleSenders[sourceKind(subscription.publication.source)].push(subscription.transceiver);
    }
    for (const publication of wanted) {
      const current = publications.get(publication.key);
      const existing = this.subscriptions.get(publication.key);
      if (existing) {
        // Stopped and started again while this participant's offer waited: same m-line, new source.
        if (existing.source !== current) {
          current?.addSubscriber(this.participantId, existing.transceiver.sender);
          existing.source = current;
          this.addedSubscriptions.add(publication.key);
        }
        continue;
      }
      const kind = sourceKind(publication.source);
      const transceiver = this.idleSenders[kind].shift() ?? this.pc.addTransceiver(kind, { direction: 'sendonly' });
      transceiver.setDirection('sendonly');
      this.subscriptions.set(publication.key, { transceiver, publication, source: current });
      this.addedSubscriptions.add(publication.key);
      current?.addSubscriber(this.participantId, transceiver.sender);
    }
  }

  /** Creates and sets the next local offer; the first one waits for ICE gathering so it carries the SFU's candidate. */
  async createOffer(): Promise<WeriftOffer> {
    const offer = await this.pc.createOffer();
    // An offer without m-lines (nobody publishes yet) has no transport to gather for.
    if (this.gathered || this.pc.getTransceivers().length === 0) {
      await this.pc.setLocalDescription(offer);
    } else {
      await gatheringQueue.run(async () => {
        this.withoutPublicStun();
        await this.pc.setLocalDescription(offer);
        await this.iceGatheringComplete();
      });
      // werift logs and swallows a failed bind (e.g. the UDP range is full): an offer without a candidate cannot connect.
      if (!this.pc.localDescription?.sdp.includes('a=candidate:')) throw new Error('no ICE candidate gathered: is a UDP port free in MEDIA_UDP_PORT_MIN..MAX on the bind address?');
      this.gathered = true;
      // One bundled transport, made by the first offer that has m-lines.
      for (const transport of this.pc.dtlsTransports) keepEarlyDtlsRecords(transport);
    }
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('werift produced no local description');
    this.offeredMids = sectionMids(sdp).map((mid, index) => mid ?? String(index));
    const publish = [...this.publishSlots].map(([source, transceiver]) => ({ mid: transceiver.mid!, source }));
    const subscriptions = [...this.subscriptions.values()].map(({ transceiver, publication }) => ({
      mid: transceiver.mid!,
      participantId: publication.participantId,
      userId: publication.userId,
      source: publication.source,
    }));
    return { sdp, publish, subscriptions };
  }

  /** Applies the answer to the outstanding offer (the caller has checked its revision). */
  async applyAnswer(sdp: string): Promise<void> {
    validateAnswerSdp(sdp, this.offeredMids);
    try {
      await this.pc.setRemoteDescription({ type: 'answer', sdp });
    } catch (error) {
      throw new MediaError(MediaErrorCode.InvalidSdp, `Answer rejected: ${(error as Error).message}`);
    }
    const early = this.earlyCandidates;
    this.earlyCandidates = undefined;
    for (const candidate of early ?? []) {
      if (!this.alreadyPaired(candidate)) await this.pc.addIceCandidate(candidate).catch(() => undefined);
    }
  }

  async addCandidate(candidate: IceCandidateInit): Promise<void> {
    validateCandidate(candidate, this.offeredMids);
    if (candidate.candidate === '') return; // end of candidates: werift checks until it connects or times out anyway
    if (this.earlyCandidates) {
      // The client trickles as soon as it has answered; its answer may still be on the way.
      if (this.earlyCandidates.length >= MAX_EARLY_CANDIDATES) throw new MediaError(MediaErrorCode.InvalidCandidate, 'Too many candidates before the answer');
      this.earlyCandidates.push(candidate);
      return;
    }
    if (this.alreadyPaired(candidate)) return;
    try {
      await this.pc.addIceCandidate({ ...candidate, sdpMid: candidate.sdpMid ?? undefined, sdpMLineIndex: candidate.sdpMLineIndex ?? undefined, usernameFragment: candidate.usernameFragment ?? undefined });
    } catch (error) {
      throw new MediaError(MediaErrorCode.InvalidCandidate, `Candidate rejected: ${(error as Error).message}`);
    }
  }

  /** Stops receiving from every publication and closes the peer connection (and its port). */
  async close(publications: ReadonlyMap<string, WeriftPublication>): Promise<void> {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const key of this.subscriptions.keys()) publications.get(key)?.removeSubscriber(this.participantId);
    this.subscriptions.clear();
    this.publishSlots.clear();
    await this.pc.close().catch(() => undefined);
  }

  /**
   * werift falls back to a public STUN server (stun.l.google.com:19302) when none is configured
   * and asks it for a server-reflexive candidate on every gather: an on-premises SFU must not
   * send packets (or DNS queries) to the internet, its announced address is its candidate, and
   * where DNS answers but UDP is blocked each gather (so each join) waited 5 s for that answer.
   */
  private withoutPublicStun(): void {
    for (const { connection } of this.pc.iceTransports) connection.stunServer = undefined;
  }

  /**
   * Whether werift already has a pair towards this candidate's address: it learnt the address
   * from the browser's own connectivity check (a peer-reflexive candidate), which usually arrives
   * before the trickled one. werift would pair it again and check the duplicate before it calls
   * ICE connected, which held up DTLS, and so the first frame, by 20–40 ms.
   */
  private alreadyPaired(candidate: IceCandidateInit): boolean {
    const address = candidateAddress(candidate.candidate);
    if (!address) return false;
    return this.pc.iceTransports.some(({ connection }) =>
      connection.checkList.some(({ remoteCandidate }) => remoteCandidate.host === address.host && remoteCandidate.port === address.port && remoteCandidate.transport.toLowerCase() === address.protocol),
    );
  }

  private iceGatheringComplete(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unSubscribe();
        reject(new Error(`ICE gathering did not complete in ${GATHER_TIMEOUT_MS} ms`));
      }, GATHER_TIMEOUT_MS);
      const { unSubscribe } = this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state !== 'complete') return;
        clearTimeout(timer);
        unSubscribe();
        resolve();
      });
    });
  }
}
