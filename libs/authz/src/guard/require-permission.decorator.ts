import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@enclave/contracts';

export const REQUIRED_PERMISSIONS = 'enclave:required-permissions';

/**
 * Declares what a route or WebSocket event requires: the actor must hold at least one of the
 * permissions (for some resource; the service then checks the specific resources). Every
 * route and event declares one or is `@Public()`: the guard refuses undeclared handlers and
 * a test snapshots the whole map (libs/authz/permission-map.snapshot.json).
 */
export const RequirePermission = (...permissions: [Permission, ...Permission[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSIONS, permissions);
