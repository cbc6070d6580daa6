import { Module } from '@nestjs/common';
import { APP_CONFIG, Clock, SystemClock, type AppConfig } from '@enclave/core';
import { ConversationsController } from './conversations/conversations.controller.js';
import { ConversationsRepository } from './conversations/conversations.repository.js';
import { ConversationsService } from './conversations/conversations.service.js';
import { DirectConversationsService } from './conversations/direct-conversations.service.js';
import { MembersController } from './conversations/members.controller.js';
import { MembersRepository } from './conversations/members.repository.js';
import { MembershipService } from './conversations/membership.service.js';
import { SystemMessages } from './conversations/system-messages.js';
import { ConversationTimelineService } from './conversations/conversation-timeline.service.js';
import { UserDirectoryRepository } from './directory/user-directory.repository.js';
import { EventLogRepository } from './events/event-log.repository.js';
import { EventRecorder } from './events/event-recorder.js';
import { MessagingEventBus } from './events/messaging-event-bus.js';
import { ConversationMessagesController } from './messages/conversation-messages.controller.js';
import { DirectMessagesController } from './messages/direct-messages.controller.js';
import { MessageComposer } from './messages/message-composer.js';
import { MessageQueriesService } from './messages/message-queries.service.js';
import { MessagesController } from './messages/messages.controller.js';
import { MessagesRepository } from './messages/messages.repository.js';
import { MessagesService } from './messages/messages.service.js';
import { PinsService } from './messages/pins.service.js';
import { ReactionsRepository } from './messages/reactions.repository.js';
import { ReactionsService } from './messages/reactions.service.js';
import { SendQueue } from './messages/send-queue.js';
import { MESSAGING_SETTINGS } from './messaging-settings.js';
import { ConversationAccess } from './policy/conversation-access.js';
import { ReadStateController } from './read-state/read-state.controller.js';
import { ReadStateService } from './read-state/read-state.service.js';
import { SyncController } from './sync/sync.controller.js';
import { SyncService } from './sync/sync.service.js';
import { ThreadActivity } from './threads/thread-activity.js';
import { ThreadsController } from './threads/threads.controller.js';
import { ThreadsRepository } from './threads/threads.repository.js';
import { ThreadsService } from './threads/threads.service.js';

const SERVICES = [
  ConversationsService,
  DirectConversationsService,
  MembershipService,
  MessagesService,
  MessageQueriesService,
  ReactionsService,
  PinsService,
  ThreadsService,
  ReadStateService,
  SyncService,
  ConversationTimelineService,
];

/**
 * Conversations, messages, threads, reactions, read state and sync, with their REST API under
 * /api/v1. Expects the global ConfigModule (APP_CONFIG), DatabaseModule (TransactionContext)
 * and AuditModule (AuditService), and the identity module's global access-token guard (every
 * route here requires a signed-in user). Exports the services (for the WebSocket gateway: each
 * method takes `(actor, ...ids, dto)` like the controllers) and the MessagingEventBus that
 * publishes committed changes.
 */
@Module({
  controllers: [ConversationsController, MembersController, ConversationMessagesController, DirectMessagesController, MessagesController, ThreadsController, ReadStateController, SyncController],
  providers: [
    { provide: MESSAGING_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.messaging },
    // Tests override Clock to control timestamps.
    { provide: Clock, useClass: SystemClock },
    MessagingEventBus,
    EventLogRepository,
    EventRecorder,
    UserDirectoryRepository,
    ConversationsRepository,
    MembersRepository,
    MessagesRepository,
    ReactionsRepository,
    ThreadsRepository,
    ConversationAccess,
    SystemMessages,
    MessageComposer,
    SendQueue,
    ThreadActivity,
    ...SERVICES,
  ],
  exports: [MessagingEventBus, ...SERVICES],
})
export class MessagingModule {}
