import { ApiProperty } from '@nestjs/swagger';

/** Never carries the token: it exists only in the mail sent to the invitee. */
export class InvitationResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'li.na@example.com' })
  email!: string;

  @ApiProperty({ type: String, nullable: true, example: '李娜' })
  displayName!: string | null;

  @ApiProperty({ type: [String] })
  roles!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  groupIds!: string[];

  @ApiProperty({ enum: ['pending', 'accepted', 'revoked', 'expired'] })
  status!: 'pending' | 'accepted' | 'revoked' | 'expired';

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  invitedBy!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the mail server accepted the invitation mail.' })
  mailSentAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  acceptedUserId!: string | null;
}

export class InvitationListResponse {
  @ApiProperty({ type: [InvitationResponse] })
  items!: InvitationResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
