export type UserStatus = 'active' | 'deactivated';

export enum SystemRole {
  SystemAdmin = 'system_admin',
}

/** A user as the identity module works with it; never returned to clients (see toUserResponse). */
export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly email: string | null;
  readonly displayName: string;
  readonly locale: string;
  readonly timeZone: string;
  readonly status: UserStatus;
  readonly roles: readonly string[];
  readonly mfaEnabled: boolean;
  /** Set by an administrator's password reset: the user must choose a new password first. */
  readonly mustChangePassword: boolean;
  /** Guest accounts stop working at this time; null for everyone else. */
  readonly guestExpiresAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewUser {
  readonly id: string;
  readonly username: string;
  readonly email: string | null;
  readonly displayName: string;
  readonly locale: string;
  readonly timeZone: string;
}

export interface ProfilePatch {
  readonly email?: string | null;
  readonly displayName?: string;
  readonly locale?: string;
  readonly timeZone?: string;
}
