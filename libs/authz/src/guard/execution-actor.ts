import type { ExecutionContext } from '@nestjs/common';
import { actorFromRequest, type Actor, type EnclaveRequest, type RequestAuth } from '@enclave/core';

/** What the WebSocket gateway keeps on `socket.data` (realtime's SocketData), as far as authz reads it. */
interface SocketLike {
  readonly data?: { readonly auth?: RequestAuth; readonly ip?: string; readonly userAgent?: string };
}

// Nest's metadata key for @SubscribeMessage's event name (not exported from @nestjs/websockets' entry point).
const WS_MESSAGE_METADATA = 'message';

/** The actor of an HTTP request or WebSocket event, once authenticated (userId undefined otherwise). */
export function actorOf(context: ExecutionContext): Actor {
  if (context.getType() === 'ws') {
    const data = context.switchToWs().getClient<SocketLike>().data;
    return { userId: data?.auth?.userId, sessionId: data?.auth?.sessionId, ip: data?.ip, userAgent: data?.userAgent, requestId: undefined };
  }
  return actorFromRequest(context.switchToHttp().getRequest<EnclaveRequest>());
}

/** `GET /api/v1/conversations/:id` or `ws message.send`: the route pattern, never the raw URL. */
export function routeOf(context: ExecutionContext): string {
  if (context.getType() === 'ws') {
    const event: unknown = Reflect.getMetadata(WS_MESSAGE_METADATA, context.getHandler());
    return `ws ${typeof event === 'string' ? event : context.getHandler().name}`;
  }
  const req = context.switchToHttp().getRequest<EnclaveRequest>();
  const path = (req.route as { path?: string } | undefined)?.path;
  return `${req.method} ${path ? `${req.baseUrl}${path}` : req.path}`;
}
