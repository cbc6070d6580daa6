import { ApiProperty } from '@nestjs/swagger';
import { MEMBER_ROLES, NOTIFY_LEVELS, type MemberRole, type NotifyLevel } from './messaging-limits.js';

/** The caller's own membership of a conversation. */
export class MembershipResponse {
  @ApiProperty({ enum: MEMBER_ROLES })
  role!: MemberRole;

  @ApiProperty({ enum: NOTIFY_LEVELS })
  notifyLevel!: NotifyLevel;

  @ApiProperty()
  muted!: boolean;

  @ApiProperty({ description: 'Everything up to this seq is read.' })
  lastReadSeq!: number;

  @ApiProperty({ description: 'The seq at which you (last) joined; sync returns events from here on.' })
  joinedSeq!: number;

  @ApiProperty({ format: 'date-time' })
  joinedAt!: string;
}
