import { ApiProperty } from '@nestjs/swagger';

/** What the accept form shows before the invitee chooses a username and password. */
export class InvitationPreviewResponse {
  @ApiProperty({ example: 'li.na@example.com' })
  email!: string;

  @ApiProperty({ type: String, nullable: true, example: '李娜' })
  displayName!: string | null;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}
