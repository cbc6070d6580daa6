import { applyDecorators, SetMetadata } from '@nestjs/common';
import { SubscribeMessage } from '@nestjs/websockets';

export const WS_PERMISSION = 'enclave:ws-permission';

/**
 * Every client event the gateway accepts, with the permission it declares. Filled at import
 * time by `@WsEvent`; the edge answers any other event name with UNKNOWN_EVENT, and the CASL
 * issue will enforce these permissions (deny by default). The list is snapshotted by a test.
 */
export const WS_EVENT_PERMISSIONS = new Map<string, string>();

/** A client event handler: the socket.io event name and the permission it requires. */
export function WsEvent(event: string, permission: string): MethodDecorator {
  if (WS_EVENT_PERMISSIONS.has(event)) throw new Error(`duplicate WebSocket event ${event}`);
  WS_EVENT_PERMISSIONS.set(event, permission);
  return applyDecorators(SubscribeMessage(event), SetMetadata(WS_PERMISSION, permission));
}
