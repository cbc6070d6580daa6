import { Inject, Injectable } from '@nestjs/common';
import type { ConversationKind } from '@enclave/contracts';
import { conversationSubject, type ConversationAttributes } from '../policies/conversation.policy.js';
import { messageSubject, type MessageAttributes } from '../policies/message.policy.js';
import type { ChannelRole } from '../roles/channel-permissions.js';
import { SchemeService } from '../schemes/scheme.service.js';

export interface ConversationFactsInput {
  readonly id: string;
  readonly kind: ConversationKind;
  readonly archivedAt: Date | null;
}

/**
 * Builds the CASL subjects of conversations and messages from records their owner (messaging)
 * already loaded, adding what authz knows: the scheme grants of the actor's channel role.
 */
@Injectable()
export class ConversationSubjects {
  constructor(@Inject(SchemeService) private readonly schemes: SchemeService) {}

  async attributes(conversation: ConversationFactsInput, role: ChannelRole | null): Promise<ConversationAttributes> {
    return {
      id: conversation.id,
      kind: conversation.kind,
      archived: conversation.archivedAt !== null,
      role,
      grants: await this.schemes.grantsFor(conversation, role),
    };
  }

  async conversation(conversation: ConversationFactsInput, role: ChannelRole | null) {
    return conversationSubject(await this.attributes(conversation, role));
  }

  /** A message subject; `now` from the caller's Clock gives its age for the edit window. */
  message(
    conversation: ConversationAttributes,
    message: { readonly id: string; readonly senderId: string; readonly kind: 'user' | 'system'; readonly createdAt: Date },
    now: Date,
  ) {
    const attributes: MessageAttributes = {
      id: message.id,
      senderId: message.senderId,
      kind: message.kind,
      ageSeconds: Math.max(0, (now.getTime() - message.createdAt.getTime()) / 1000),
      conversation,
    };
    return messageSubject(attributes);
  }
}
