import { ApiProperty } from '@nestjs/swagger';
import { ReceiptResponse } from './receipt-response.dto.js';

export class ReceiptListResponse {
  @ApiProperty({ format: 'uuid' })
  conversationId!: string;

  @ApiProperty({ type: () => [ReceiptResponse] })
  items!: ReceiptResponse[];
}
