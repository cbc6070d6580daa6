import { SetMetadata } from '@nestjs/common';

export const ALLOW_PENDING_PASSWORD_CHANGE = 'enclave:allow-pending-password-change';

/**
 * Lets a signed-in user whose password an administrator reset reach this route before they
 * choose a new one (their own profile, the password change itself, logout). Every other route
 * answers 403 AUTH_PASSWORD_CHANGE_REQUIRED until then.
 */
export const AllowPendingPasswordChange = (): MethodDecorator => SetMetadata(ALLOW_PENDING_PASSWORD_CHANGE, true);
