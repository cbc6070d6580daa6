import { ApiProperty } from '@nestjs/swagger';

export class ReceiptResponse {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ description: 'This member has read everything up to this seq.' })
  lastReadSeq!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastReadAt!: string | null;
}
