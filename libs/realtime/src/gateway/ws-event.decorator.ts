import { applyDecorators, SetMetadata } from '@nestjs/common';
import { SubscribeMessage } from '@nestjs/websockets';
import type { Permission } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';

export const WS_PERMISSION = 'enclave:ws-permission';

/**
 * Every client event the gateway accepts, with the permissions it declares (any of, joined by
 * " | "). Filled at import time by `@WsEvent`; the edge answers any other event name with
 * UNKNOWN_EVENT, and authz's global PoliciesGuard enforces the declaration (deny by default).
 * The list is snapshotted by tests (here and in libs/authz/permission-map.snapshot.json).
 */
export const WS_EVENT_PERMISSIONS = new Map<string, string>();

/** A client event handler: the socket.io event name and the permissions it requires (any of). */
export function WsEvent(event: string, ...permissions: [Permission, ...Permission[]]): MethodDecorator {
  if (WS_EVENT_PERMISSIONS.has(event)) throw new Error(`duplicate WebSocket event ${event}`);
  const declared = permissions.join(' | ');
  WS_EVENT_PERMISSIONS.set(event, declared);
  return applyDecorators(SubscribeMessage(event), SetMetadata(WS_PERMISSION, declared), RequirePermission(...permissions));
}
