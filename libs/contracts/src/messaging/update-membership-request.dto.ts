import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { NOTIFY_LEVELS, type NotifyLevel } from './messaging-limits.js';

/** Your own preferences in one conversation; they follow you to every device. */
export class UpdateMembershipRequest {
  @ApiPropertyOptional({ enum: NOTIFY_LEVELS })
  @IsOptional()
  @IsIn(NOTIFY_LEVELS)
  notifyLevel?: NotifyLevel;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  muted?: boolean;
}
