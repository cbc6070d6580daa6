import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext, queryRows } from '@enclave/database';
import type { ActorAbility } from '../ability/actor-ability.js';
import type { TaggedSubject } from '../ability/app-ability.js';
import { privilegedSql, userSubject } from '../policies/user.policy.js';

interface UserFactsRow {
  id: string;
  status: string;
  privileged: boolean;
  shares_conversation: boolean;
}

export type UserSubject = TaggedSubject<'User'>;

/**
 * User subjects for a batch of ids in one statement (account administration checks every
 * target of a bulk action; DMs check every recipient), relative to the actor: privileged
 * (holds a role beyond member/guest), self, shares a conversation with the actor.
 */
@Injectable()
export class UserSubjects {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  /** Subjects of the existing users among `userIds`; unknown ids are absent from the map. */
  async load(ability: ActorAbility, userIds: readonly string[]): Promise<Map<string, UserSubject>> {
    const ids = [...new Set(userIds.map((id) => id.toLowerCase()))];
    if (ids.length === 0) return new Map();
    const rows = await queryRows<UserFactsRow>(
      this.tx.manager(),
      `SELECT u.id, u.status, ${privilegedSql('u.id')} AS privileged,
              EXISTS (SELECT 1 FROM conversation_member sa JOIN conversation_member sb ON sb.conversation_id = sa.conversation_id
                       WHERE sa.user_id = $2 AND sb.user_id = u.id) AS shares_conversation
         FROM app_user u WHERE u.id = ANY($1::uuid[])`,
      [ids, ability.userId],
    );
    return new Map(
      rows.map((r) => [r.id, userSubject({ id: r.id, status: r.status, privileged: r.privileged, self: r.id === ability.userId, sharesConversation: r.shares_conversation })]),
    );
  }
}
