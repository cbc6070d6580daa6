import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { AppException } from '@enclave/core';
import { catchError, from, mergeMap, tap, throwError, type Observable } from 'rxjs';
import { deniedPermission } from '../errors/authz.exception.js';
import { DeniedAccessAuditor } from './denied-access-auditor.js';
import { actorOf, routeOf } from './execution-actor.js';

/**
 * Codes that mean "refused by policy" when they reach a WebSocket ack: by then the gateway's
 * ack interceptor has turned the exception (and its denial mark) into data.
 */
const WS_DENIAL_CODES = new Set([
  'FORBIDDEN',
  'AUTHZ_ACCOUNT_EXPIRED',
  'AUTHZ_ESCALATION',
  'NOT_A_MEMBER',
  'NOT_CHANNEL_ADMIN',
  'NOT_MESSAGE_AUTHOR',
  'NOT_ALLOWED_TO_DELETE',
  'MENTION_NOT_ALLOWED',
]);

interface AckLike {
  readonly ok?: unknown;
  readonly error?: { readonly code?: unknown; readonly details?: { readonly permission?: unknown } };
}

/**
 * The service half of "denied requests are audited": resource checks inside services throw
 * marked exceptions (AuthzException.forbidden, markDenied); once the handler has failed (and
 * its transaction rolled back) this records them like the guard records its own refusals.
 */
@Injectable()
export class DeniedAuditInterceptor implements NestInterceptor {
  constructor(@Inject(DeniedAccessAuditor) private readonly denied: DeniedAccessAuditor) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'ws') {
      return next.handle().pipe(
        tap((result: unknown) => {
          const ack = result as AckLike | null;
          const code = ack?.ok === false ? ack.error?.code : undefined;
          if (typeof code !== 'string' || !WS_DENIAL_CODES.has(code)) return;
          const permission = ack?.error?.details?.permission;
          void this.denied.record(actorOf(context), { route: routeOf(context), code, permission: typeof permission === 'string' ? permission : undefined });
        }),
      );
    }
    return next.handle().pipe(
      catchError((error: unknown) => {
        const permission = deniedPermission(error);
        if (permission === undefined || !(error instanceof AppException)) return throwError(() => error);
        const denial = { route: routeOf(context), code: error.code, permission: permission === true ? undefined : permission };
        return from(this.denied.record(actorOf(context), denial)).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
