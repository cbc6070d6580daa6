import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../actor.js';

/** What the authentication guard attaches to a request once the access token checks out. */
export interface RequestAuth {
  readonly userId: string;
  readonly sessionId: string;
}

/** An Express request as Enclave sees it: pino-http's request id and, once authenticated, `auth`. */
export type EnclaveRequest = Request & { id?: string | number; auth?: RequestAuth };

const MAX_USER_AGENT = 512;

export function actorFromRequest(req: EnclaveRequest): Actor {
  const ua = req.headers['user-agent'];
  return {
    userId: req.auth?.userId,
    sessionId: req.auth?.sessionId,
    ip: req.ip,
    userAgent: typeof ua === 'string' ? ua.slice(0, MAX_USER_AGENT) : undefined,
    requestId: req.id === undefined ? undefined : String(req.id),
  };
}

/** Controller parameter: the acting user and where they act from. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor =>
  actorFromRequest(ctx.switchToHttp().getRequest<EnclaveRequest>()),
);
