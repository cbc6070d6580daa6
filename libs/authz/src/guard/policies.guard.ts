import { HttpStatus, Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException, CommonErrorCode, IS_PUBLIC_KEY } from '@enclave/core';
import type { Permission } from '@enclave/contracts';
import { AbilityService } from '../ability/ability.service.js';
import { AuthzException, deniedPermission } from '../errors/authz.exception.js';
import { DeniedAccessAuditor } from './denied-access-auditor.js';
import { actorOf, routeOf } from './execution-actor.js';
import { REQUIRED_PERMISSIONS } from './require-permission.decorator.js';

/**
 * The second global guard (APP_GUARD, registered after identity's access-token guard, which
 * authenticates): builds or fetches the actor's ability and refuses the request unless it
 * may exercise one of the handler's declared permissions. Handlers that declare none are
 * refused too (deny by default); `@Public()` handlers skip both guards. Denials are 403
 * FORBIDDEN with an `access.denied` audit record (rate-capped).
 */
@Injectable()
export class PoliciesGuard implements CanActivate {
  private readonly logger = new Logger('PoliciesGuard');

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AbilityService) private readonly abilities: AbilityService,
    @Inject(DeniedAccessAuditor) private readonly denied: DeniedAccessAuditor,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) return true;
    const actor = actorOf(context);
    if (!actor.userId) throw new AppException(CommonErrorCode.Unauthenticated, 'Authentication required.', HttpStatus.UNAUTHORIZED);
    const required = this.reflector.getAllAndOverride<readonly Permission[] | undefined>(REQUIRED_PERMISSIONS, targets) ?? [];
    try {
      if (required.length === 0) {
        this.logger.error({ route: routeOf(context) }, 'handler declares no permission: refused (add @RequirePermission or @Public)');
        throw AuthzException.forbidden('undeclared', 'This operation is not available.');
      }
      const ability = await this.abilities.usable(actor);
      if (!required.some((p) => ability.canExercise(p))) throw AuthzException.forbidden(required.join(' | '));
      return true;
    } catch (error) {
      const permission = deniedPermission(error);
      if (permission !== undefined && error instanceof AppException) {
        await this.denied.record(actor, { route: routeOf(context), code: error.code, permission: permission === true ? undefined : permission });
      }
      throw error;
    }
  }
}
