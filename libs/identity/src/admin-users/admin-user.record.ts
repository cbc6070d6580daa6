import type { UserRecord } from '../users/user.record.js';

export interface GroupRef {
  readonly id: string;
  readonly name: string;
}

/** A user as account administration works with it: the profile plus lifecycle state. */
export interface AdminUserRecord extends UserRecord {
  readonly lastActiveAt: Date | null;
  readonly deactivatedAt: Date | null;
  readonly deactivatedByAdmin: boolean;
  readonly erasedAt: Date | null;
  readonly groups: readonly GroupRef[];
}

export interface AdminUserFilter {
  /** Lower-cased search text, matched anywhere in username, display name or email. */
  readonly q?: string;
  readonly role?: string;
  readonly status?: 'active' | 'deactivated' | 'erased';
  readonly groupId?: string;
  readonly lastActiveBefore?: Date;
  readonly lastActiveAfter?: Date;
  /** Keyset: usernames after this one. */
  readonly afterUsername?: string;
}

/** Fields an administrator may change on an account (null clears a nullable one). */
export interface AccountPatch {
  readonly username?: string;
  readonly displayName?: string;
  readonly email?: string | null;
  readonly locale?: string;
  readonly timeZone?: string;
  readonly guestExpiresAt?: Date | null;
}

export type ReactivationSource = 'admin' | 'sync';
