import { ApiProperty } from '@nestjs/swagger';
import { MEMBER_ROLES, type MemberRole } from './messaging-limits.js';

export class MemberResponse {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  role!: MemberRole;

  @ApiProperty({ format: 'date-time' })
  joinedAt!: string;
}
