// The public surface of @enclave/messaging. Everything else is internal to the library.
export { MessagingModule } from './messaging.module.js';
export { MessagingErrorCode } from './errors/messaging-error-code.js';
export { MessagingException } from './errors/messaging.exception.js';
export { MessagingEventBus, type DomainEventListener } from './events/messaging-event-bus.js';
export type { DomainEvent, ConversationDomainEvent, UserDomainEvent, EventAudience, ConversationAudience, UserAudience } from './events/domain-event.js';
export { ConversationsService } from './conversations/conversations.service.js';
export { DirectConversationsService, directKey } from './conversations/direct-conversations.service.js';
export { MembershipService } from './conversations/membership.service.js';
export { MessagesService, type SendResult } from './messages/messages.service.js';
export { MessageQueriesService } from './messages/message-queries.service.js';
export { ReactionsService } from './messages/reactions.service.js';
export { PinsService } from './messages/pins.service.js';
export { ThreadsService } from './threads/threads.service.js';
export { ReadStateService } from './read-state/read-state.service.js';
export { SyncService } from './sync/sync.service.js';
export { parseMentions, MAX_MENTIONS_PER_MESSAGE, type ParsedMentions } from './text/mentions.js';
export { normaliseReaction } from './text/emoji.js';
export { codePointLength } from './text/message-text.js';
