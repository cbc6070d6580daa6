import { ApiProperty } from '@nestjs/swagger';

/** What the signed-in account may do, for clients to show or hide features (the server still checks every request). */
export class MyPermissionsResponse {
  @ApiProperty({ type: [String], description: 'Every role held, directly or through groups, including the implicit base role.' })
  roles!: string[];

  @ApiProperty({ type: [String], description: 'Account-wide permissions; channel ones also depend on each channel\'s scheme.' })
  permissions!: string[];

  @ApiProperty({ description: 'A guest account: only conversations it was invited to.' })
  guest!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  accessExpiresAt!: string | null;
}
