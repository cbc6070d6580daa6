import type { AdminUserResponse } from '@enclave/contracts';
import { toUserResponse } from '../users/user-response.mapper.js';
import type { AdminUserRecord } from './admin-user.record.js';

/** The admin view of a user: an allow-list like toUserResponse, so new columns never leak by default. */
export function toAdminUserResponse(user: AdminUserRecord): AdminUserResponse {
  return {
    ...toUserResponse(user),
    lastActiveAt: user.lastActiveAt?.toISOString() ?? null,
    mustChangePassword: user.mustChangePassword,
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
    deactivatedByAdmin: user.deactivatedByAdmin,
    erasedAt: user.erasedAt?.toISOString() ?? null,
    guestExpiresAt: user.guestExpiresAt?.toISOString() ?? null,
    groups: user.groups.map((g) => ({ id: g.id, name: g.name })),
  };
}

/**
 * What the audit trail keeps of a user around a change: account state, not activity
 * timestamps (they change on every request and would make every before/after differ).
 */
export function toAdminUserAudit(user: AdminUserRecord): Record<string, unknown> {
  const { lastActiveAt: _lastActiveAt, updatedAt: _updatedAt, ...rest } = toAdminUserResponse(user);
  return rest;
}
