import type { IceCandidateInit, MediaConnectionState, MediaEvent, MediaSource, SfuOffer } from '@enclave/contracts';
import type { PeerConfig } from 'werift';
import type { SfuBackend, SfuEventListener, SfuJoinRequest, SfuLoad } from '../sfu-backend.js';
import { MediaError } from '../media-error.js';
import { SfuRoster, publicationKey, type RosterParticipant } from '../sfu-roster.js';
import { weriftPeerConfig, type MediaBinding } from './werift-peer-config.js';
import { WeriftParticipant } from './werift-participant.js';
import { WeriftPublication } from './werift-publication.js';

export interface WeriftSfuOptions extends MediaBinding {
  readonly keyframeIntervalSeconds: number;
  /** Where failures the backend cannot answer with (a renegotiation it started itself) are reported. */
  readonly onError?: (error: unknown, context: string) => void;
}

/** How often silence is checked for publishers that send no packets (muted microphones). */
const SPEAKING_SWEEP_MS = 250;

const CONNECTION_STATES: ReadonlySet<string> = new Set<MediaConnectionState>(['connecting', 'connected', 'disconnected', 'failed', 'closed']);

/**
 * The SFU on werift (pure TypeScript WebRTC): one server-side peer connection per participant,
 * RTP forwarded from each publisher's receiving transceiver to every subscriber's sender without
 * decoding (see WeriftPublication), key frames requested for each new subscriber and every
 * `keyframeIntervalSeconds` so a subscriber that lost packets recovers without asking, and
 * `speaking` events from the audio levels the publishers' packets carry.
 */
export class WeriftSfuBackend implements SfuBackend {
  private readonly roster = new SfuRoster();
  private readonly participants = new Map<string, WeriftParticipant>();
  private readonly publications = new Map<string, WeriftPublication>();
  private readonly listeners = new Set<SfuEventListener>();
  private readonly peerConfig: Partial<PeerConfig>;
  private readonly keyframeTimer: NodeJS.Timeout;
  private readonly speakingTimer: NodeJS.Timeout;

  constructor(private readonly options: WeriftSfuOptions) {
    this.peerConfig = weriftPeerConfig(options);
    this.keyframeTimer = setInterval(() => {
      for (const publication of this.publications.values()) publication.requestKeyframe();
    }, options.keyframeIntervalSeconds * 1000);
    this.keyframeTimer.unref();
    // A muted microphone sends no packets at all: silence has to be noticed without them.
    this.speakingTimer = setInterval(() => {
      const now = Date.now();
      for (const publication of this.publications.values()) publication.tickSpeaking(now);
    }, SPEAKING_SWEEP_MS);
    this.speakingTimer.unref();
  }

  async join(request: SfuJoinRequest): Promise<SfuOffer> {
    if (this.participants.has(request.participantId)) await this.leave(request.participantId);
    // Created before anything is recorded: if werift throws here, no roster entry is left without its participant.
    const participant = new WeriftParticipant(request.meetingId, request.participantId, this.peerConfig);
    const member = this.roster.add(request);
    for (const source of this.roster.publishedBy(member.participantId)) this.addPublication(member, source);
    this.participants.set(participant.participantId, participant);
    participant.pc.connectionStateChange.subscribe((state) => this.onConnectionState(participant, state));
    let offer: SfuOffer;
    try {
      offer = await participant.queue.run(() => this.makeOffer(participant));
    } catch (error) {
      await this.removeParticipant(participant.participantId);
      throw error;
    }
    if (member.publishing.size > 0) this.renegotiateAll(this.roster.peersOf(member.participantId));
    return offer;
  }

  async answer(participantId: string, revision: number, sdp: string): Promise<void> {
    const participant = this.requireParticipant(participantId);
    await participant.queue.run(async () => {
      if (participant.closed) throw MediaError.unknownParticipant(participantId);
      participant.negotiation.check(revision);
      await participant.applyAnswer(sdp);
      // A subscription added to a connected participant decodes from its first key frame; one
      // that is not connected yet asks when it connects (onConnectionState).
      const added = participant.takeAddedSubscriptions();
      if (participant.pc.connectionState === 'connected') for (const key of added) this.publications.get(key)?.requestKeyframe();
      if (participant.negotiation.complete()) await this.offerAndEmit(participant);
    });
  }

  async addCandidate(participantId: string, candidate: IceCandidateInit): Promise<void> {
    const participant = this.requireParticipant(participantId);
    await participant.queue.run(async () => {
      if (participant.closed) throw MediaError.unknownParticipant(participantId);
      await participant.addCandidate(candidate);
    });
  }

  setPublishing(participantId: string, source: MediaSource, on: boolean): Promise<void> {
    const member = this.roster.require(participantId);
    if (!this.roster.setPublishing(participantId, source, on)) return Promise.resolve();
    if (on) this.addPublication(member, source);
    else this.removePublication(publicationKey(participantId, source));
    this.renegotiateAll([participantId, ...this.roster.peersOf(participantId)]);
    return Promise.resolve();
  }

  setForwarding(participantId: string, source: MediaSource, forwarding: boolean): Promise<void> {
    this.roster.setMuted(participantId, source, !forwarding);
    this.publications.get(publicationKey(participantId, source))?.setForwarding(forwarding);
    return Promise.resolve();
  }

  async leave(participantId: string): Promise<void> {
    const member = this.roster.require(participantId);
    const peers = this.roster.peersOf(participantId);
    await this.removeParticipant(participantId);
    if (member.publishing.size > 0) this.renegotiateAll(peers);
  }

  async endMeeting(meetingId: string): Promise<void> {
    await Promise.all(this.roster.members(meetingId).map((id) => this.removeParticipant(id)));
  }

  load(): SfuLoad {
    return this.roster.load();
  }

  onEvent(listener: SfuEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.keyframeTimer);
    clearInterval(this.speakingTimer);
    await Promise.all([...this.participants.keys()].map((id) => this.removeParticipant(id)));
    this.listeners.clear();
  }

  /** Runs inside the participant's queue. */
  private async makeOffer(participant: WeriftParticipant): Promise<SfuOffer> {
    const { participantId } = participant;
    participant.syncTransceivers(this.roster.publishedBy(participantId), this.roster.subscriptionsOf(participantId), this.publications);
    const offer = await participant.createOffer();
    return { ...offer, revision: participant.negotiation.begin() };
  }

  private async offerAndEmit(participant: WeriftParticipant): Promise<void> {
    let offer: SfuOffer;
    try {
      offer = await this.makeOffer(participant);
    } catch (error) {
      // No offer means no media for this participant from now on (e.g. its first gather, made
      // only now, found no free port): report the connection failed so the control plane ends
      // the attendance, rather than leaving it joined and silent.
      if (!participant.closed) this.emit({ type: 'connection', meetingId: participant.meetingId, participantId: participant.participantId, state: 'failed' });
      throw error;
    }
    this.emit({ type: 'offer', meetingId: participant.meetingId, participantId: participant.participantId, offer });
  }

  /** Queues a new offer for each participant; one still answering the previous gets it after its answer. */
  private renegotiateAll(participantIds: readonly string[]): void {
    for (const id of participantIds) {
      const participant = this.participants.get(id);
      if (!participant) continue;
      participant.queue
        .run(async () => {
          if (participant.closed || !participant.negotiation.request()) return;
          await this.offerAndEmit(participant);
        })
        .catch((error: unknown) => this.options.onError?.(error, `renegotiating ${id}`));
    }
  }

  private addPublication(member: RosterParticipant, source: MediaSource): void {
    const key = publicationKey(member.participantId, source);
    this.publications.get(key)?.close();
    const onSpeaking = (speaking: boolean) => this.emit({ type: 'speaking', meetingId: member.meetingId, participantId: member.participantId, speaking });
    this.publications.set(key, new WeriftPublication({ key, participantId: member.participantId, userId: member.userId, source }, !member.muted.has(source), onSpeaking));
  }

  private removePublication(key: string): void {
    this.publications.get(key)?.close();
    this.publications.delete(key);
  }

  private async removeParticipant(participantId: string): Promise<void> {
    const member = this.roster.remove(participantId);
    for (const source of member?.publishing ?? []) this.removePublication(publicationKey(participantId, source));
    const participant = this.participants.get(participantId);
    this.participants.delete(participantId);
    await participant?.close(this.publications);
  }

  private onConnectionState(participant: WeriftParticipant, state: string): void {
    // A peer connection closed by leave/end/replacement is not news to the control plane.
    if (!CONNECTION_STATES.has(state) || this.participants.get(participant.participantId) !== participant) return;
    if (state === 'connected') {
      // The first moment a key frame sent to this participant arrives: ask for one from everyone it receives.
      for (const key of participant.subscribedKeys()) this.publications.get(key)?.requestKeyframe();
    }
    this.emit({ type: 'connection', meetingId: participant.meetingId, participantId: participant.participantId, state: state as MediaConnectionState });
  }

  private requireParticipant(participantId: string): WeriftParticipant {
    const participant = this.participants.get(participantId);
    // A participant being closed is as gone as one that never joined.
    if (!participant || participant.closed) throw MediaError.unknownParticipant(participantId);
    return participant;
  }

  private emit(event: MediaEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.onError?.(error, `delivering a ${event.type} event`);
      }
    }
  }
}
