/**
 * Who is acting, from where, with which session. Every service method that changes state
 * takes one as its first argument (ARCHITECTURE.md §2.2); nothing deep inside reads the request.
 */
export interface Actor {
  /** Undefined for anonymous actors (a login attempt before we know who it is). */
  readonly userId: string | undefined;
  readonly sessionId: string | undefined;
  readonly ip: string | undefined;
  readonly userAgent: string | undefined;
  readonly requestId: string | undefined;
  /** Set for actions the system takes on its own (bootstrap, schedulers). */
  readonly system?: boolean;
}

export const SYSTEM_ACTOR: Actor = {
  userId: undefined,
  sessionId: undefined,
  ip: undefined,
  userAgent: undefined,
  requestId: undefined,
  system: true,
};
