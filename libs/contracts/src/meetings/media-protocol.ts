/**
 * How the control plane (libs/meetings, in every server process) drives media nodes (apps/media,
 * or the one embedded in a single-node server). Everything goes through Redis, so any server
 * node can drive any media node and a media node needs no inbound port but its UDP range:
 *
 * - A media node writes its status (load) into the hash `mediaKeys.nodes` every heartbeat.
 * - Commands are published on `mediaKeys.commands(nodeId)` as a `MediaRequest`; the node answers
 *   each on the request's `replyTo` channel with a `MediaReply` of the same id.
 * - What the media node starts itself (a renegotiation offer, a connection state change) is
 *   published on `mediaKeys.events` as a `MediaEvent`; every server node delivers it to the
 *   participant's socket if that socket is connected to it.
 *
 * The SFU is always the offerer on its one peer connection per participant, so the two sides
 * never offer at once (no glare): the client answers and trickles its ICE candidates.
 */

/** What a participant publishes; `screen` is a second video track. */
export type MediaSource = 'audio' | 'video' | 'screen';
export const MEDIA_SOURCES: readonly MediaSource[] = ['audio', 'video', 'screen'];

/** A transceiver the SFU offers to receive on: the client attaches its `source` track to this mid. */
export interface MediaPublishSlot {
  readonly mid: string;
  readonly source: MediaSource;
}

/** A transceiver the SFU sends on: another participant's `source` track. */
export interface MediaSubscription {
  readonly mid: string;
  readonly participantId: string;
  readonly userId: string;
  readonly source: MediaSource;
}

/** An SDP offer from the SFU with what each m-line carries. `revision` increases per offer of one participant. */
export interface SfuOffer {
  readonly sdp: string;
  readonly revision: number;
  readonly publish: readonly MediaPublishSlot[];
  readonly subscriptions: readonly MediaSubscription[];
}

/** RTCIceCandidateInit, as browsers produce it. */
export interface IceCandidateInit {
  readonly candidate: string;
  readonly sdpMid?: string | null;
  readonly sdpMLineIndex?: number | null;
  readonly usernameFragment?: string | null;
}

/** A media node's entry in `mediaKeys.nodes` (JSON), rewritten every heartbeat. */
export interface MediaNodeStatus {
  readonly nodeId: string;
  /** The address the SFU announces in its ICE candidates. */
  readonly address: string;
  readonly meetings: number;
  readonly participants: number;
  /** Forwarded tracks (one per subscriber per published track): the load placement balances. */
  readonly streamsOut: number;
  /** CPU of the media process over the last heartbeat, percent of one core. */
  readonly cpuPercent: number;
  readonly startedAt: string;
  /** Epoch milliseconds of this heartbeat; a node silent for three heartbeats gets no new meetings. */
  readonly heartbeatAt: number;
  readonly heartbeatSeconds: number;
}

export type MediaCommand =
  | {
      readonly type: 'join';
      readonly meetingId: string;
      readonly participantId: string;
      readonly userId: string;
      readonly displayName: string;
      /** Slots to offer for the client's own tracks at once (more can be added with `publish`). */
      readonly publish: readonly MediaSource[];
    }
  | { readonly type: 'answer'; readonly participantId: string; readonly revision: number; readonly sdp: string }
  | { readonly type: 'candidate'; readonly participantId: string; readonly candidate: IceCandidateInit }
  /** Add (on) or remove (off) a publish slot; the SFU renegotiates with a new offer (a `MediaEvent` offer). */
  | { readonly type: 'publish'; readonly participantId: string; readonly source: MediaSource; readonly on: boolean }
  /** Stop (muted) or resume forwarding one of a participant's sources to everyone: the host's mute. */
  | { readonly type: 'mute'; readonly participantId: string; readonly source: MediaSource; readonly muted: boolean }
  | { readonly type: 'leave'; readonly participantId: string }
  | { readonly type: 'end'; readonly meetingId: string };

export type MediaCommandType = MediaCommand['type'];

/** What each command answers with. */
export interface MediaReplyData {
  readonly join: { readonly offer: SfuOffer };
  readonly answer: null;
  readonly candidate: null;
  readonly publish: null;
  readonly mute: null;
  readonly leave: null;
  readonly end: null;
}

export interface MediaRequest {
  readonly id: string;
  /** Channel to publish the `MediaReply` on. */
  readonly replyTo: string;
  readonly command: MediaCommand;
}

/** Stable codes a media node answers with. */
export enum MediaErrorCode {
  UnknownParticipant = 'MEDIA_UNKNOWN_PARTICIPANT',
  InvalidSdp = 'MEDIA_INVALID_SDP',
  StaleRevision = 'MEDIA_STALE_REVISION',
  InvalidCandidate = 'MEDIA_INVALID_CANDIDATE',
  InvalidCommand = 'MEDIA_INVALID_COMMAND',
  Internal = 'MEDIA_INTERNAL',
}

export type MediaReply =
  | { readonly id: string; readonly ok: true; readonly data: unknown }
  | { readonly id: string; readonly ok: false; readonly error: { readonly code: MediaErrorCode; readonly message: string } };

export type MediaConnectionState = 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

export type MediaEvent =
  | { readonly type: 'offer'; readonly meetingId: string; readonly participantId: string; readonly offer: SfuOffer }
  | { readonly type: 'connection'; readonly meetingId: string; readonly participantId: string; readonly state: MediaConnectionState }
  /** Detected by the SFU from the audio level every audio packet carries (RFC 6464); nothing is decoded. */
  | { readonly type: 'speaking'; readonly meetingId: string; readonly participantId: string; readonly speaking: boolean };

/** Redis keys and channels, under the deployment's REDIS_KEY_PREFIX. */
export const mediaKeys = {
  nodes: (prefix: string) => `${prefix}media:nodes`,
  commands: (prefix: string, nodeId: string) => `${prefix}media:cmd:${nodeId}`,
  replies: (prefix: string, requesterId: string) => `${prefix}media:reply:${requesterId}`,
  events: (prefix: string) => `${prefix}media:events`,
} as const;
