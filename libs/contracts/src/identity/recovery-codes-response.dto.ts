import { ApiProperty } from '@nestjs/swagger';

export class RecoveryCodesResponse {
  @ApiProperty({ type: [String], example: ['k7m3q-x9c2w'], description: 'Ten single-use codes. Shown only now: store them offline.' })
  recoveryCodes!: string[];
}
