import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '@enclave/database';
import { sql } from '../database/sql.js';

export interface DayCount {
  readonly day: string;
  readonly count: number;
}

/**
 * Console statistics as SQL aggregates over indexed columns — never rows loaded and counted
 * in the application: user_activity_day's (day, user_id) key, message's (created_at,
 * conversation_id) index. Reads messaging's tables the way a report does (read-only).
 */
@Injectable()
export class StatisticsRepository {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async userCounts(): Promise<{ total: number; active: number; deactivated: number }> {
    const rows: Array<{ total: number; active: number; deactivated: number }> = await sql(
      this.tx,
      `SELECT count(*) FILTER (WHERE erased_at IS NULL)::int AS total,
              count(*) FILTER (WHERE status = 'active')::int AS active,
              count(*) FILTER (WHERE status = 'deactivated' AND erased_at IS NULL)::int AS deactivated
         FROM app_user`,
    );
    return rows[0] ?? { total: 0, active: 0, deactivated: 0 };
  }

  /** Days are UTC dates, `YYYY-MM-DD`, inclusive. */
  async activeUsersPerDay(from: string, to: string): Promise<DayCount[]> {
    const rows: Array<{ day: string; count: number }> = await sql(
      this.tx,
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS count FROM user_activity_day WHERE day BETWEEN $1::date AND $2::date GROUP BY day ORDER BY day`,
      [from, to],
    );
    return rows;
  }

  async distinctActiveUsers(from: string, to: string): Promise<number> {
    const rows: Array<{ count: number }> = await sql(this.tx, `SELECT count(DISTINCT user_id)::int AS count FROM user_activity_day WHERE day BETWEEN $1::date AND $2::date`, [from, to]);
    return rows[0]?.count ?? 0;
  }

  /** People's messages (not system notices) per UTC day in [from, to). */
  async messagesPerDay(from: Date, to: Date): Promise<DayCount[]> {
    const rows: Array<{ day: string; count: number }> = await sql(
      this.tx,
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS count
         FROM message WHERE created_at >= $1 AND created_at < $2 AND kind = 'user'
        GROUP BY 1 ORDER BY 1`,
      [from, to],
    );
    return rows;
  }

  async topChannels(from: Date, to: Date, limit: number): Promise<Array<{ id: string; name: string; messages: number }>> {
    return sql(
      this.tx,
      `SELECT c.id, c.name, t.messages
         FROM (SELECT conversation_id, count(*)::int AS messages FROM message
                WHERE created_at >= $1 AND created_at < $2 AND kind = 'user' GROUP BY conversation_id) t
         JOIN conversation c ON c.id = t.conversation_id AND c.kind IN ('public_channel', 'private_channel')
        ORDER BY t.messages DESC, c.id LIMIT $3`,
      [from, to, limit],
    );
  }
}
