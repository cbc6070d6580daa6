import type { DefaultEventsMap, Socket } from 'socket.io';
import type { Actor } from '@enclave/core';
import type { ClientEventMap } from '@enclave/contracts';

/** What the handshake stores on `socket.data`; the identity guard checks `auth` (deny by default). */
export interface SocketAuth {
  readonly userId: string;
  readonly sessionId: string;
}

export interface SocketData {
  auth: SocketAuth;
  ip: string | undefined;
  userAgent: string | undefined;
  /** Bytes of the frame being dispatched (set by the engine 'packet' hook; see WsEdge). */
  frameBytes: number;
  /** Last time this socket's activity was written to presence (ms). */
  lastActiveWrite: number;
}

// Listen events are untyped on purpose: what clients send is validated by DTOs, not trusted by type.
export type EnclaveSocket = Socket<DefaultEventsMap, ClientEventMap, DefaultEventsMap, SocketData>;

/** The actor of every operation a socket performs (ARCHITECTURE.md §2.2). */
export function actorFromSocket(socket: EnclaveSocket): Actor {
  const { auth, ip, userAgent } = socket.data;
  return { userId: auth.userId, sessionId: auth.sessionId, ip, userAgent, requestId: undefined };
}
