/**
 * Stable error codes of the identity module. Values are part of the public API (clients
 * branch on them): never change or reuse one.
 */
export enum IdentityErrorCode {
  AuthInvalidCredentials = 'AUTH_INVALID_CREDENTIALS',
  AuthAccountLocked = 'AUTH_ACCOUNT_LOCKED',
  AuthThrottled = 'AUTH_THROTTLED',
  AuthMfaRequired = 'AUTH_MFA_REQUIRED',
  AuthMfaInvalid = 'AUTH_MFA_INVALID',
  AuthRefreshInvalid = 'AUTH_REFRESH_INVALID',
  AuthRefreshReused = 'AUTH_REFRESH_REUSED',
  AuthTokenExpired = 'AUTH_TOKEN_EXPIRED',
  AuthSessionRevoked = 'AUTH_SESSION_REVOKED',
  AuthAccountDeactivated = 'AUTH_ACCOUNT_DEACTIVATED',
  /** 403 after an administrator's password reset, until the user changes it (POST /api/v1/users/me/password). */
  AuthPasswordChangeRequired = 'AUTH_PASSWORD_CHANGE_REQUIRED',
  PasswordTooShort = 'PASSWORD_TOO_SHORT',
  PasswordTooLong = 'PASSWORD_TOO_LONG',
  PasswordTooCommon = 'PASSWORD_TOO_COMMON',
  PasswordIncorrect = 'PASSWORD_INCORRECT',
  UsernameInvalid = 'USERNAME_INVALID',
  UsernameTaken = 'USERNAME_TAKEN',
  UserNotFound = 'USER_NOT_FOUND',
  SessionNotFound = 'SESSION_NOT_FOUND',
  MfaAlreadyEnabled = 'MFA_ALREADY_ENABLED',
  MfaNotEnabled = 'MFA_NOT_ENABLED',
  MfaEnrolmentNotStarted = 'MFA_ENROLMENT_NOT_STARTED',
  MfaCodeInvalid = 'MFA_CODE_INVALID',
  ReauthRequired = 'REAUTH_REQUIRED',
}
