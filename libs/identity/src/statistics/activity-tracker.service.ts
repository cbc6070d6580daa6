import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionContext } from '@enclave/database';
import { sql } from '../database/sql.js';

/** last_active_at is for the console ("inactive for 90 days"): five minutes of precision is plenty. */
const WRITE_INTERVAL_MS = 5 * 60 * 1000;
/** Bounds the in-memory throttle; past it the map restarts (a few extra writes, never unbounded memory). */
const MAX_TRACKED_USERS = 200_000;

/**
 * Records that a user was active, cheaply: at most one statement per user per five minutes per
 * node (an in-memory throttle in front), which upserts the user's row for the UTC day in
 * `user_activity_day` (DAU/MAU come from there) and moves `app_user.last_active_at` forward.
 * Called on every authenticated request and WebSocket handshake by AccessTokenVerifier.
 * Best effort: a failure is logged and never fails the request.
 */
@Injectable()
export class ActivityTracker {
  private readonly logger = new Logger('ActivityTracker');
  /** userId -> the UTC day and time of the last write from this node. */
  private readonly lastWrite = new Map<string, { day: string; at: number }>();

  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  async record(userId: string, now: Date): Promise<void> {
    const day = now.toISOString().slice(0, 10);
    const at = now.getTime();
    const last = this.lastWrite.get(userId);
    if (last && last.day === day && at - last.at < WRITE_INTERVAL_MS) return;
    if (this.lastWrite.size >= MAX_TRACKED_USERS) this.lastWrite.clear();
    this.lastWrite.set(userId, { day, at });
    try {
      // One round trip; the day row is written once per day no matter how many nodes race.
      await sql(
        this.tx,
        `WITH day_row AS (INSERT INTO user_activity_day (day, user_id) VALUES ($2::date, $1) ON CONFLICT DO NOTHING)
         UPDATE app_user SET last_active_at = $3
          WHERE id = $1 AND (last_active_at IS NULL OR last_active_at < $3::timestamptz - interval '1 minute')`,
        [userId, day, now],
      );
    } catch (error) {
      this.lastWrite.delete(userId);
      this.logger.warn({ err: error, userId }, 'could not record user activity');
    }
  }
}
