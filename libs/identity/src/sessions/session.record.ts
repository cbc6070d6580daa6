export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly userAgent: string | null;
  readonly ip: string | null;
  readonly mfa: boolean;
}

export interface NewSession {
  readonly id: string;
  readonly userId: string;
  readonly expiresAt: Date;
  readonly userAgent: string | undefined;
  readonly ip: string | undefined;
  readonly mfa: boolean;
}

/** What the access-token guard needs, from one primary-key lookup. */
export interface SessionAuthState {
  readonly userId: string;
  readonly revokedAt: Date | null;
  readonly expiresAt: Date;
  readonly lastUsedAt: Date;
  /** Active and, for guests, not past their expiry. */
  readonly userActive: boolean;
  readonly passwordChangeRequired: boolean;
}

export interface StoredRefreshToken {
  readonly id: string;
  readonly sessionId: string;
  readonly tokenHash: Buffer;
  readonly rotatedAt: Date | null;
  readonly session: SessionRecord;
}

export enum SessionRevocationReason {
  Logout = 'logout',
  UserRevoked = 'user_revoked',
  RefreshReuse = 'refresh_reuse',
  PasswordChanged = 'password_changed',
  AdminForcedLogout = 'admin_forced_logout',
  AdminPasswordReset = 'admin_password_reset',
  UserDeactivated = 'user_deactivated',
  UserErased = 'user_erased',
}
