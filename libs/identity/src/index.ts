// The public surface of @enclave/identity. Everything else is internal to the library.
export { IdentityModule } from './identity.module.js';
export { IDENTITY_REDIS, type IdentityModuleOptions } from './identity.tokens.js';
export { IdentityErrorCode } from './errors/identity-error-code.js';
export { IdentityException } from './errors/identity.exception.js';
export { AccessTokenVerifier } from './tokens/access-token-verifier.js';
export { AccessTokenGuard } from './auth/access-token.guard.js';
export { BootstrapAdminService, BOOTSTRAP_ADMIN_USERNAME, type BootstrapAdminResult } from './bootstrap/bootstrap-admin.service.js';
export { UsersService, type CreateUserInput } from './users/users.service.js';
export { SessionsService } from './sessions/sessions.service.js';
export { IdentityEvents, type IdentityEventListener } from './events/identity-events.js';
export type { IdentityEvent, IdentityEventType } from './events/identity-event.js';
export { AllowPendingPasswordChange } from './auth/allow-pending-password-change.decorator.js';
export { SystemRole, type UserRecord, type UserStatus } from './users/user.record.js';
export { toUserResponse } from './users/user-response.mapper.js';
export { PasswordPolicy, PASSWORD_MAX_LENGTH } from './passwords/password-policy.js';
export { ARGON2_PARAMS, describeArgon2Params } from './passwords/password-hasher.js';
export { totpCodeAt } from './mfa/totp.js';
