import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ERASURE_REASON_MAX_LENGTH } from './identity-admin-limits.js';

/** Optional at the validation layer so that a missing reason gets its own code, ERASURE_REASON_REQUIRED. */
export class EraseUserRequest {
  @ApiProperty({ example: 'GDPR art. 17 request #2026-114', maxLength: ERASURE_REASON_MAX_LENGTH, description: 'Required: why the account is erased (kept in the audit trail).' })
  @IsOptional()
  @IsString()
  @MaxLength(ERASURE_REASON_MAX_LENGTH)
  reason?: string;
}
