import { ApiProperty } from '@nestjs/swagger';
import { UserResponse } from '../identity/user-response.dto.js';

export class AdminUserGroupRef {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'engineering' })
  name!: string;
}

/** A user as administrators see it: the public profile plus lifecycle state. */
export class AdminUserResponse extends UserResponse {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last authenticated request (updated at most every few minutes).' })
  lastActiveAt!: string | null;

  @ApiProperty({ description: 'The user must choose a new password before doing anything else.' })
  mustChangePassword!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deactivatedAt!: string | null;

  @ApiProperty({ description: 'Deactivated by an administrator: directory sync will not re-enable the account.' })
  deactivatedByAdmin!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set once the account was pseudonymised on an erasure request.' })
  erasedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Guest accounts stop working at this time.' })
  guestExpiresAt!: string | null;

  @ApiProperty({ type: [AdminUserGroupRef] })
  groups!: AdminUserGroupRef[];
}

export class AdminUserListResponse {
  @ApiProperty({ type: [AdminUserResponse] })
  items!: AdminUserResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
