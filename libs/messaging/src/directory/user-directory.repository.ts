import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext, queryRows } from '@enclave/database';

/**
 * Read-only look-ups of identity's users that messaging needs inside its own transactions
 * (mention resolution, invite checks). Never cached: a deactivated
 * user or a revoked role takes effect on the next request.
 */
@Injectable()
export class UserDirectoryRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  /** The ids among `ids` that belong to active users. */
  async activeUserIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows<{ id: string }>(this.tx.manager(), `SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND status = 'active'`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Active users by (lower-case) username: name -> id. */
  async idsByUsername(names: readonly string[]): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    const rows = await queryRows<{ id: string; name: string }>(
      this.tx.manager(),
      `SELECT id, lower(username) AS name FROM app_user WHERE lower(username) = ANY($1::text[]) AND status = 'active'`,
      [names],
    );
    return new Map(rows.map((r) => [r.name, r.id]));
  }
}
