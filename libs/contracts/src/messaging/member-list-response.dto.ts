import { ApiProperty } from '@nestjs/swagger';
import { MemberResponse } from './member-response.dto.js';

export class MemberListResponse {
  @ApiProperty({ type: () => [MemberResponse] })
  items!: MemberResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
