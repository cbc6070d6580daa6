import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class LinkChannelRequest {
  @ApiProperty({ format: 'uuid', description: 'A public or private channel (not a DM). Its membership follows the group from now on.' })
  @IsUUID('all')
  conversationId!: string;
}
