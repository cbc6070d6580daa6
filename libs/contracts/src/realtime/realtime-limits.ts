/** Wire limits of the realtime protocol shared by the DTOs and clients (message limits live in messaging-limits). */
export const REALTIME_LIMITS = {
  /** Users one `presence.subscribe` may name. */
  presenceSubscribeMaxUsers: 500,
} as const;
