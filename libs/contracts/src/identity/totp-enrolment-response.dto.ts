import { ApiProperty } from '@nestjs/swagger';

export class TotpEnrolmentResponse {
  @ApiProperty({ description: 'Base32 secret for manual entry. Shown only now.', example: 'JBSWY3DPEHPK3PXP' })
  secret!: string;

  @ApiProperty({ description: 'otpauth:// URI to render as a QR code.', example: 'otpauth://totp/Enclave:alice?secret=JBSWY3DPEHPK3PXP&issuer=Enclave' })
  otpauthUri!: string;
}
