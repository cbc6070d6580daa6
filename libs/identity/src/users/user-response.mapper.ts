import type { UserResponse } from '@enclave/contracts';
import type { UserRecord } from './user.record.js';

/** The only shape a user leaves the server in: an allow-list, so new columns never leak by default. */
export function toUserResponse(user: UserRecord): UserResponse {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale,
    timeZone: user.timeZone,
    status: user.status,
    roles: [...user.roles],
    mfaEnabled: user.mfaEnabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
