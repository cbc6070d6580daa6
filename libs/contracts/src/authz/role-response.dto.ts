import { ApiProperty } from '@nestjs/swagger';

export class RoleResponse {
  @ApiProperty({ example: 'support_lead', description: 'The role id: stable, used in grants and invitations.' })
  name!: string;

  @ApiProperty({ example: 'Support lead' })
  displayName!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ description: 'Shipped with Enclave: permissions are fixed and the role cannot be changed or deleted.' })
  builtIn!: boolean;

  @ApiProperty({ type: [String], description: 'Permission values, sorted.' })
  permissions!: string[];

  @ApiProperty({ description: 'Users holding the role directly (not through groups).' })
  userCount!: number;

  @ApiProperty({ description: 'Groups the role is granted to.' })
  groupCount!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class RoleListResponse {
  @ApiProperty({ type: [RoleResponse] })
  items!: RoleResponse[];
}

export class RoleAssignmentsResponse {
  @ApiProperty({ example: 'support_lead' })
  role!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Users holding the role directly (at most 1000, by id).' })
  userIds!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  groupIds!: string[];
}
