import { ApiProperty } from '@nestjs/swagger';

export class DailyCount {
  @ApiProperty({ example: '2026-11-23', description: 'UTC day.' })
  day!: string;

  @ApiProperty()
  count!: number;
}

export class UserCounts {
  @ApiProperty({ description: 'Accounts, erased ones excluded.' })
  total!: number;

  @ApiProperty({ description: 'Active accounts: the seats in use.' })
  active!: number;

  @ApiProperty()
  deactivated!: number;
}

export class TopChannel {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'general' })
  name!: string;

  @ApiProperty({ description: 'Messages in the last 30 days.' })
  messages!: number;
}

export class AdminStatisticsResponse {
  @ApiProperty({ type: UserCounts })
  users!: UserCounts;

  @ApiProperty({ description: 'Users active today (UTC).' })
  dailyActiveUsers!: number;

  @ApiProperty({ description: 'Distinct users active in the last 30 days.' })
  monthlyActiveUsers!: number;

  @ApiProperty({ type: [DailyCount], description: 'Active users per day, last 30 days, oldest first (days without activity are 0).' })
  activeUsersPerDay!: DailyCount[];

  @ApiProperty({ type: [DailyCount], description: 'Messages per day, last 30 days, oldest first.' })
  messagesPerDay!: DailyCount[];

  @ApiProperty({ type: [TopChannel], description: 'Channels with the most messages in the last 30 days.' })
  topChannels!: TopChannel[];

  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;
}
