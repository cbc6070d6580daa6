import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, type EnclaveRequest, type RequestAuth } from '@enclave/core';
import { IdentityException } from '../errors/identity.exception.js';
import { AccessTokenVerifier } from '../tokens/access-token-verifier.js';
import { IdentityErrorCode } from '../errors/identity-error-code.js';
import { DeniedRequestAuditor } from './denied-request-auditor.js';
import { ALLOW_PENDING_PASSWORD_CHANGE } from './allow-pending-password-change.decorator.js';

/**
 * The global guard (APP_GUARD): every route needs a valid access token unless it is marked
 * `@Public()`. Deny by default, also for transports other than HTTP: a WebSocket handler
 * passes only if the gateway authenticated the socket at handshake (`client.data.auth`).
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AccessTokenVerifier) private readonly verifier: AccessTokenVerifier,
    @Inject(DeniedRequestAuditor) private readonly denied: DeniedRequestAuditor,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    if (context.getType() === 'ws') {
      const client = context.switchToWs().getClient<{ data?: { auth?: RequestAuth } }>();
      return client.data?.auth !== undefined;
    }
    if (context.getType() !== 'http') return false;
    const req = context.switchToHttp().getRequest<EnclaveRequest>();
    try {
      const token = AccessTokenVerifier.fromAuthorizationHeader(req.headers.authorization);
      if (!token) throw IdentityException.unauthenticated();
      const allowPendingPasswordChange = this.reflector.get<boolean | undefined>(ALLOW_PENDING_PASSWORD_CHANGE, context.getHandler()) === true;
      req.auth = await this.verifier.verify(token, { allowPendingPasswordChange });
      return true;
    } catch (error) {
      if (error instanceof IdentityException && error.code !== (IdentityErrorCode.AuthTokenExpired as string)) await this.denied.record(req, error.code);
      throw error;
    }
  }
}
