import { Inject, Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@enclave/core';
import type { AdminStatisticsResponse, DailyCount } from '@enclave/contracts';
import { StatisticsRepository, type DayCount } from './statistics.repository.js';

const DAYS = 30;
const TOP_CHANNELS = 10;
const DAY_MS = 86_400_000;

/** The console's numbers: seats, daily and monthly active users, message volume, busiest channels (UTC days). */
@Injectable()
export class StatisticsService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(StatisticsRepository) private readonly stats: StatisticsRepository,
  ) {}

  async overview(_actor: Actor): Promise<AdminStatisticsResponse> {
    const now = this.clock.now();
    const today = utcDay(now);
    const firstDay = new Date(today.getTime() - (DAYS - 1) * DAY_MS);
    const end = new Date(today.getTime() + DAY_MS);
    const days = Array.from({ length: DAYS }, (_, i) => isoDay(new Date(firstDay.getTime() + i * DAY_MS)));
    const [users, activePerDay, monthly, messagesPerDay, topChannels] = [
      await this.stats.userCounts(),
      await this.stats.activeUsersPerDay(days[0], days[DAYS - 1]),
      await this.stats.distinctActiveUsers(days[0], days[DAYS - 1]),
      await this.stats.messagesPerDay(firstDay, end),
      await this.stats.topChannels(firstDay, end, TOP_CHANNELS),
    ];
    const activeUsersPerDay = fill(days, activePerDay);
    return {
      users,
      dailyActiveUsers: activeUsersPerDay[DAYS - 1].count,
      monthlyActiveUsers: monthly,
      activeUsersPerDay,
      messagesPerDay: fill(days, messagesPerDay),
      topChannels,
      generatedAt: now.toISOString(),
    };
  }
}

function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Every day of the window, 0 where the database has no row. */
function fill(days: readonly string[], counts: readonly DayCount[]): DailyCount[] {
  const byDay = new Map(counts.map((c) => [c.day, c.count]));
  return days.map((day) => ({ day, count: byDay.get(day) ?? 0 }));
}
