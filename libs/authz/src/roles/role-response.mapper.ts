import type { RoleResponse } from '@enclave/contracts';
import { permissionsOfRole } from './role-permissions.js';
import type { RoleRecord } from './roles.repository.js';

export function toRoleResponse(role: RoleRecord): RoleResponse {
  return {
    name: role.name,
    displayName: role.displayName,
    description: role.description,
    builtIn: role.builtIn,
    permissions: permissionsOfRole(role),
    userCount: role.userCount,
    groupCount: role.groupCount,
    createdAt: role.createdAt.toISOString(),
    updatedAt: role.updatedAt.toISOString(),
  };
}
