import type { Socket as TcpSocket } from 'node:net';
import type { EventFrame } from './event-frame.js';

/**
 * The parts of socket.io / engine.io / ws this writer relies on. engine.io itself calls
 * `ws._sender.sendFrame` with pre-encoded frames (socket.io-adapter builds them for
 * broadcasts); this goes one step further and writes the bytes to the TCP socket.
 */
interface WsLike {
  readonly readyState: number;
  readonly _socket?: TcpSocket;
  readonly _sender?: { readonly _state?: number; readonly _queue?: readonly unknown[] };
}
interface EngineSocketLike {
  readonly readyState: string;
  readonly writeBuffer: readonly unknown[];
  readonly transport: { readonly name: string; readonly writable: boolean; readonly socket?: WsLike };
  write(data: string, options: { wsPreEncodedFrame: Buffer[] }): unknown;
}
export interface FrameTarget {
  readonly connected: boolean;
  readonly conn: unknown;
}

const WS_OPEN = 1;
const WS_SENDER_IDLE = 0;

/**
 * Delivers pre-encoded frames (see event-frame.ts) to one socket.io socket.
 *
 * Fast path: when engine.io has nothing queued for the socket and its WebSocket is open and
 * idle, the bytes go straight to the TCP socket, one `write` for all the frames. Bytes reach the
 * stream in the order they are written, and nothing engine.io holds back could be overtaken,
 * so per-socket order is the same as through engine.io; the cost per recipient is one write
 * instead of engine.io's packet bookkeeping, its four events and a header/payload writev.
 *
 * Otherwise (a previous write still pending, engine.io buffering, closing): each frame goes
 * through engine.io's own queue as a pre-encoded packet, behind whatever it holds.
 *
 * Returns false when the socket is gone.
 */
export function writeFrames(target: FrameTarget, frames: readonly EventFrame[], bytes: Buffer): boolean {
  if (!target.connected) return false;
  const conn = target.conn as EngineSocketLike;
  if (conn.readyState !== 'open') return false;
  const tcp = directSocket(conn);
  if (tcp) {
    tcp.write(bytes);
    return true;
  }
  for (const frame of frames) conn.write(frame.packet, { wsPreEncodedFrame: [frame.bytes] });
  return true;
}

function directSocket(conn: EngineSocketLike): TcpSocket | undefined {
  if (conn.writeBuffer.length > 0) return undefined;
  const transport = conn.transport;
  if (transport.name !== 'websocket' || !transport.writable) return undefined;
  const ws = transport.socket;
  if (!ws || ws.readyState !== WS_OPEN) return undefined;
  const sender = ws._sender;
  // ws queues frames only while compressing or reading a Blob (neither is used): then it must keep its order.
  if (!sender || sender._state !== WS_SENDER_IDLE || (sender._queue?.length ?? 0) > 0) return undefined;
  const tcp = ws._socket;
  if (!tcp || tcp.destroyed || !tcp.writable) return undefined;
  return tcp;
}
