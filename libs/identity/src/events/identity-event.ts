/**
 * What identity tells the rest of the system after a commit. Other libraries (realtime: close
 * sockets; later push and sync) subscribe instead of identity calling them, so dependencies
 * keep pointing one way (realtime -> identity).
 */
export type IdentityEvent =
  /** The account can no longer be used (deactivated, expired or erased): end all its connections. */
  | { readonly type: 'user.deactivated'; readonly userId: string }
  /** These sessions were revoked (force logout, password reset): end their connections. */
  | { readonly type: 'sessions.revoked'; readonly userId: string; readonly sessionIds: readonly string[] };

export type IdentityEventType = IdentityEvent['type'];
