import { Inject, Injectable } from '@nestjs/common';
import { ConversationsService } from '@enclave/messaging';
import { MembershipDirectory } from './membership-directory.js';

/** Memberships from messaging: one indexed query per connection. */
@Injectable()
export class MessagingMembershipDirectory extends MembershipDirectory {
  constructor(@Inject(ConversationsService) private readonly conversations: ConversationsService) {
    super();
  }

  conversationIdsOf(userId: string): Promise<string[]> {
    return this.conversations.conversationIdsOf(userId);
  }
}
