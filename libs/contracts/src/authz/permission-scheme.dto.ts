import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { PERMISSION_MAX_LENGTH, SCHEME_MAX_PERMISSIONS } from './authz-limits.js';

/**
 * What each channel role may do (channel-scoped permissions only: posting, reacting, pinning,
 * @channel, inviting, moderating). A member also needs the permission in their account's roles
 * (guests never invite, whatever the scheme says).
 */
export class UpdatePermissionSchemeRequest {
  @ApiProperty({ type: [String], example: ['message.react', 'channel.leave'], description: 'Plain members. Leave out message.create for a read-only (announcements) channel.' })
  @IsArray()
  @ArrayMaxSize(SCHEME_MAX_PERMISSIONS)
  @IsString({ each: true })
  @MaxLength(PERMISSION_MAX_LENGTH, { each: true })
  member!: string[];

  @ApiProperty({ type: [String], example: ['message.create', 'message.mention.channel', 'message.delete.any'] })
  @IsArray()
  @ArrayMaxSize(SCHEME_MAX_PERMISSIONS)
  @IsString({ each: true })
  @MaxLength(PERMISSION_MAX_LENGTH, { each: true })
  channelAdmin!: string[];
}

export class PermissionSchemeResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the system default.' })
  conversationId!: string | null;

  @ApiProperty({ description: 'Default scheme: changed from the built-in one. Channel: has its own override.' })
  overridden!: boolean;

  @ApiProperty({ type: [String] })
  member!: string[];

  @ApiProperty({ type: [String] })
  channelAdmin!: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  updatedBy!: string | null;
}
