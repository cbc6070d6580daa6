import type { IceServerResponse, MeetingResponse, ParticipantResponse } from './meeting-response.dto.js';
import type { SfuOffer } from './media-protocol.js';

/** The ack of `meeting.join`. In the lobby: `lobby: true`, no offer; wait for `lobby.admitted` and join again. */
export interface MeetingJoinResponse {
  readonly meeting: MeetingResponse;
  readonly participant: ParticipantResponse;
  /** Everyone joined, including you. */
  readonly participants: readonly ParticipantResponse[];
  readonly lobby: boolean;
  readonly iceServers: readonly IceServerResponse[];
  /** The media node serving this meeting. */
  readonly media: { readonly nodeId: string; readonly address: string } | null;
  /** The SFU's first offer; answer it with `meeting.answer`. Null in the lobby. */
  readonly offer: SfuOffer | null;
  readonly statsIntervalMs: number;
}

/** `meeting.signal`: the SFU renegotiates (someone started or stopped a track): answer with `meeting.answer`. */
export interface MeetingSignalEvent {
  readonly meetingId: string;
  readonly participantId: string;
  readonly offer: SfuOffer;
}

/** `meeting.event`: what changed in a meeting, to everyone in it (and to a waiting/removed participant about themself). */
export type MeetingEvent =
  | { readonly type: 'participant.joined'; readonly meetingId: string; readonly participant: ParticipantResponse }
  | { readonly type: 'participant.updated'; readonly meetingId: string; readonly participant: ParticipantResponse }
  | { readonly type: 'participant.left'; readonly meetingId: string; readonly participant: ParticipantResponse }
  /** The media server heard someone start or stop speaking (from their audio levels, about half a second in, 0.8 s after). */
  | { readonly type: 'participant.speaking'; readonly meetingId: string; readonly participantId: string; readonly speaking: boolean }
  /** To the meeting's moderators: someone waits in the lobby. */
  | { readonly type: 'lobby.waiting'; readonly meetingId: string; readonly participant: ParticipantResponse }
  /** To the waiting participant: join again (`meeting.join`), you will be let in. */
  | { readonly type: 'lobby.admitted'; readonly meetingId: string; readonly participant: ParticipantResponse }
  | { readonly type: 'lobby.denied'; readonly meetingId: string; readonly participant: ParticipantResponse }
  /** To the participant the host muted (source) or removed. */
  | { readonly type: 'you.muted'; readonly meetingId: string; readonly participant: ParticipantResponse; readonly source: string }
  | { readonly type: 'you.removed'; readonly meetingId: string; readonly participant: ParticipantResponse }
  | { readonly type: 'meeting.updated'; readonly meetingId: string; readonly meeting: MeetingResponse }
  | { readonly type: 'meeting.ended'; readonly meetingId: string; readonly meeting: MeetingResponse };

/** `meeting.call`: to a conversation's members, the "call in progress" marker. */
export interface ConversationCallEvent {
  readonly conversationId: string;
  readonly meetingId: string;
  readonly active: boolean;
  readonly participantCount: number;
}
