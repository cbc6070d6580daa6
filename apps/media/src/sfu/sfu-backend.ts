import type { IceCandidateInit, MediaEvent, MediaSource, SfuOffer } from '@enclave/contracts';

/** Who joins: the control plane has already checked that this user may be in this meeting. */
export interface SfuJoinRequest {
  readonly meetingId: string;
  readonly participantId: string;
  readonly userId: string;
  readonly displayName: string;
  /** Slots to offer for the participant's own tracks in the first offer. */
  readonly publish: readonly MediaSource[];
}

/** What the node reports in its heartbeat; placement balances on `streamsOut`. */
export interface SfuLoad {
  readonly meetings: number;
  readonly participants: number;
  /** One per subscriber per published track. */
  readonly streamsOut: number;
}

export type SfuEventListener = (event: MediaEvent) => void;

/**
 * The media plane behind a media node. The werift implementation lives in ./werift; a mediasoup
 * one can implement the same interface where a mediasoup worker binary is available (STACK.md:
 * it cannot be built on our machines).
 *
 * Every method that names a participant throws `MediaError(UnknownParticipant)` when there is
 * no such participant on this node; bad input throws the matching `MediaError` code. Calls for
 * one participant are applied in order; calls for different participants run concurrently.
 *
 * The backend is always the offerer. Renegotiations it starts itself (someone joined, left,
 * started or stopped publishing) are delivered as `offer` events, at most one outstanding per
 * participant: the next waits until the previous one is answered.
 */
export interface SfuBackend {
  /** Creates the participant's peer connection and returns the first offer (revision 1). A participant id that is already present is replaced (a reconnecting client). */
  join(request: SfuJoinRequest): Promise<SfuOffer>;
  /** Applies the client's answer to offer `revision`; any other revision than the outstanding one is `StaleRevision`. */
  answer(participantId: string, revision: number, sdp: string): Promise<void>;
  /** A trickled client ICE candidate; an empty `candidate` string marks the end of candidates. */
  addCandidate(participantId: string, candidate: IceCandidateInit): Promise<void>;
  /** Adds or removes a publish slot for `source`; renegotiates the participant and everyone who receives it. */
  setPublishing(participantId: string, source: MediaSource, on: boolean): Promise<void>;
  /** Stops (false) or resumes (true) forwarding one source of a participant to everyone, without renegotiating: the host's mute. */
  setForwarding(participantId: string, source: MediaSource, forwarding: boolean): Promise<void>;
  /** Closes the participant's peer connection and renegotiates everyone who received their tracks. */
  leave(participantId: string): Promise<void>;
  /** Closes every participant of the meeting. Unknown meetings are a no-op. */
  endMeeting(meetingId: string): Promise<void>;
  load(): SfuLoad;
  /** Subscribes to the events the backend starts; returns the unsubscribe function. */
  onEvent(listener: SfuEventListener): () => void;
  /** Closes every peer connection and releases the ports. */
  close(): Promise<void>;
}
