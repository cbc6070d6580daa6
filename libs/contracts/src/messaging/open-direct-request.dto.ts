import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class OpenDirectRequest {
  @ApiProperty({ format: 'uuid', description: 'The other person; your own id opens your private notes DM.' })
  @IsUUID('all')
  userId!: string;
}
