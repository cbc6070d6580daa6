import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext, queryRows } from '@enclave/database';
import type { ConversationKind } from '@enclave/contracts';
import type { ChannelRole } from '../roles/channel-permissions.js';

export interface ConversationFacts {
  readonly id: string;
  readonly kind: ConversationKind;
  readonly archived: boolean;
  readonly role: ChannelRole | null;
}

/**
 * What authz's own endpoints (channel schemes) need to know about a conversation and the
 * actor's place in it. Read-only over messaging's tables; messaging builds its subjects from
 * its own records.
 */
@Injectable()
export class ConversationFactsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async find(conversationId: string, userId: string): Promise<ConversationFacts | undefined> {
    const rows = await queryRows<{ id: string; kind: ConversationKind; archived: boolean; role: ChannelRole | null }>(
      this.tx.manager(),
      `SELECT c.id, c.kind, c.archived_at IS NOT NULL AS archived, m.role
         FROM conversation c LEFT JOIN conversation_member m ON m.conversation_id = c.id AND m.user_id = $2
        WHERE c.id = $1`,
      [conversationId, userId],
    );
    return rows[0];
  }
}
