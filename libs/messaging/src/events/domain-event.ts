import type {
  ConversationEventPayloads,
  ConversationEventType,
  UserEventPayloads,
  UserEventType,
} from '@enclave/contracts';

/** Who receives an event: everyone in a conversation, or every device of one user. */
export type ConversationAudience = { readonly scope: 'conversation'; readonly conversationId: string; readonly seq: number };
export type UserAudience = { readonly scope: 'user'; readonly userId: string; readonly seq: number };
export type EventAudience = ConversationAudience | UserAudience;

/**
 * A committed messaging change, published in-process after commit. `json` is the wire
 * envelope (`{conversationId, seq, type, payload, createdAt}` or `{seq, type, payload,
 * createdAt}`) serialised once, so a gateway can send the same string to thousands of sockets;
 * `payload` is the same data, typed, for in-process subscribers (push, webhooks...).
 */
export type ConversationDomainEvent = {
  [T in ConversationEventType]: {
    readonly audience: ConversationAudience;
    readonly type: T;
    readonly payload: ConversationEventPayloads[T];
    readonly createdAt: string;
    readonly json: string;
  };
}[ConversationEventType];

export type UserDomainEvent = {
  [T in UserEventType]: {
    readonly audience: UserAudience;
    readonly type: T;
    readonly payload: UserEventPayloads[T];
    readonly createdAt: string;
    readonly json: string;
  };
}[UserEventType];

export type DomainEvent = ConversationDomainEvent | UserDomainEvent;

export function conversationEvent<T extends ConversationEventType>(
  conversationId: string,
  seq: number,
  type: T,
  payload: ConversationEventPayloads[T],
  createdAt: Date,
): ConversationDomainEvent {
  const at = createdAt.toISOString();
  const json = JSON.stringify({ conversationId, seq, type, payload, createdAt: at });
  return { audience: { scope: 'conversation', conversationId, seq }, type, payload, createdAt: at, json } as ConversationDomainEvent;
}

/**
 * User events for several users. Recipients that share a payload object share its
 * serialisation: the JSON is spliced into each user's envelope, not re-encoded.
 */
export function userEvents(
  recipients: ReadonlyArray<{ [T in UserEventType]: { readonly userId: string; readonly seq: number; readonly type: T; readonly payload: UserEventPayloads[T] } }[UserEventType]>,
  createdAt: Date,
): UserDomainEvent[] {
  const at = createdAt.toISOString();
  const atJson = JSON.stringify(at);
  const serialised = new Map<unknown, string>();
  return recipients.map(({ userId, seq, type, payload }) => {
    let payloadJson = serialised.get(payload);
    if (payloadJson === undefined) {
      payloadJson = JSON.stringify(payload);
      serialised.set(payload, payloadJson);
    }
    return {
      audience: { scope: 'user', userId, seq },
      type,
      payload,
      createdAt: at,
      json: `{"seq":${seq},"type":${JSON.stringify(type)},"payload":${payloadJson},"createdAt":${atJson}}`,
    } as UserDomainEvent;
  });
}
