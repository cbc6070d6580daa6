import type { ConversationEventEnvelope, UserEventEnvelope } from '../messaging/messaging-events.js';
import type { ConversationCallEvent, MeetingEvent, MeetingSignalEvent } from '../meetings/meeting-events.js';
import type { PresenceEvent } from './presence.dto.js';
import type { TypingEvent } from './typing.dto.js';

/** First event on every connection, once the socket has joined its rooms: send `sync` after it. */
export interface ReadyEvent {
  readonly userId: string;
  readonly sessionId: string;
  readonly serverTime: string;
  readonly limits: {
    readonly maxEventBytes: number;
    readonly sendRatePerSecond: number;
    readonly sendBurst: number;
    readonly typingTtlMs: number;
  };
}

/** Sent just before the server disconnects a socket whose session was revoked or user deactivated. */
export interface SessionEndedEvent {
  readonly reason: 'session_revoked' | 'user_disabled';
}

/**
 * Everything the server emits over WebSocket, by event name. Conversation and user events use
 * messaging's envelopes unchanged (the same JSON `/api/v1/sync` returns): `seq` increases by
 * exactly one per event of a conversation (or of the user stream), so a gap means "sync".
 */
export interface ClientEventMap {
  ready: (event: ReadyEvent) => void;
  'conversation.event': (event: ConversationEventEnvelope) => void;
  'user.event': (event: UserEventEnvelope) => void;
  typing: (event: TypingEvent) => void;
  presence: (event: PresenceEvent) => void;
  'session.ended': (event: SessionEndedEvent) => void;
  'meeting.signal': (event: MeetingSignalEvent) => void;
  'meeting.event': (event: MeetingEvent) => void;
  'meeting.call': (event: ConversationCallEvent) => void;
}

export type ClientEventName = keyof ClientEventMap;
