import { ApiProperty } from '@nestjs/swagger';

export class UserResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'alice' })
  username!: string;

  @ApiProperty({ type: String, nullable: true, example: 'alice@example.com' })
  email!: string | null;

  @ApiProperty({ example: '张伟' })
  displayName!: string;

  @ApiProperty({ example: 'zh-CN' })
  locale!: string;

  @ApiProperty({ example: 'Asia/Shanghai' })
  timeZone!: string;

  @ApiProperty({ enum: ['active', 'deactivated'] })
  status!: 'active' | 'deactivated';

  @ApiProperty({ type: [String], example: ['system_admin'], description: 'System roles.' })
  roles!: string[];

  @ApiProperty()
  mfaEnabled!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
