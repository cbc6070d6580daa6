import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { Permission, MfaReauthRequest, RecoveryCodesResponse, TotpEnrolmentResponse, TotpVerifyRequest } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { MfaService } from './mfa.service.js';

@ApiTags('mfa')
@ApiBearerAuth('access-token')
@Controller('api/v1/users/me/mfa')
export class MfaController {
  constructor(@Inject(MfaService) private readonly mfa: MfaService) {}

  @Post('totp/enrol')
  @RequirePermission(Permission.MfaManageOwn)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Start TOTP enrolment: returns the secret and an otpauth:// URI for a QR code.' })
  @ApiOkResponse({ type: TotpEnrolmentResponse })
  enrol(@CurrentActor() actor: Actor): Promise<TotpEnrolmentResponse> {
    return this.mfa.startEnrolment(actor);
  }

  @Post('totp/verify')
  @RequirePermission(Permission.MfaManageOwn)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Confirm enrolment with a code; enables MFA and returns ten recovery codes (shown once).' })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  verify(@CurrentActor() actor: Actor, @Body() body: TotpVerifyRequest): Promise<RecoveryCodesResponse> {
    return this.mfa.confirmEnrolment(actor, body.totp);
  }

  @Post('totp/disable')
  @RequirePermission(Permission.MfaManageOwn)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn MFA off; requires your password or a current code.' })
  @ApiNoContentResponse()
  disable(@CurrentActor() actor: Actor, @Body() body: MfaReauthRequest): Promise<void> {
    return this.mfa.disable(actor, body);
  }

  @Post('recovery-codes')
  @RequirePermission(Permission.MfaManageOwn)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Replace your recovery codes; requires your password or a current code.' })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  regenerate(@CurrentActor() actor: Actor, @Body() body: MfaReauthRequest): Promise<RecoveryCodesResponse> {
    return this.mfa.regenerateRecoveryCodes(actor, body);
  }
}
