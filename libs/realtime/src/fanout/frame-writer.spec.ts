import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import * as ws from 'ws';
import { concatFrames, eventFrame } from './event-frame.js';
import { writeFrames } from './frame-writer.js';

// ws exports its Sender (the frame builder socket.io-adapter uses) without declaring it in @types/ws.
const senderFrame = (ws as unknown as { Sender: { frame(this: void, data: Buffer, options: object): Buffer[] } }).Sender.frame;

describe('eventFrame', () => {
  it('is the WebSocket frame socket.io would send for emit(event, payload)', () => {
    for (const size of [10, 200, 70_000]) {
      const json = JSON.stringify({ seq: 1, text: 'é"'.repeat(size) });
      const packet = `2["conversation.event",${json}]`;
      const expected = Buffer.concat(senderFrame(Buffer.from(`4${packet}`), { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true }));
      const frame = eventFrame('conversation.event', json);
      expect(frame.packet).toBe(packet);
      expect(frame.bytes.equals(expected)).toBe(true);
    }
  });
});

describe('writeFrames', () => {
  let http: HttpServer;
  let io: Server;
  let client: ClientSocket;
  let serverSocket: Socket;

  beforeAll(async () => {
    http = createServer();
    io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });
    const connected = new Promise<Socket>((resolve) => io.on('connection', resolve));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
    serverSocket = await connected;
  });

  afterAll(async () => {
    client.close();
    await io.close();
  });

  it('delivers several frames in one write, in order with ordinary emits', async () => {
    const received: unknown[] = [];
    const done = new Promise<void>((resolve) =>
      client.on('e', (payload: { n: number }) => {
        received.push(payload.n);
        if (payload.n === 5) resolve();
      }),
    );
    const frames = [1, 2, 3].map((n) => eventFrame('e', JSON.stringify({ n })));
    serverSocket.emit('e', { n: 0 });
    // engine.io still holds the emit's write: the frames must queue behind it, not overtake it.
    expect(writeFrames(serverSocket, frames, concatFrames(frames))).toBe(true);
    serverSocket.emit('e', { n: 4 });
    await new Promise((r) => setImmediate(r));
    // Idle socket: the direct path.
    const last = [eventFrame('e', JSON.stringify({ n: 5 }))];
    expect(writeFrames(serverSocket, last, concatFrames(last))).toBe(true);
    await done;
    expect(received).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reports a disconnected socket', async () => {
    const gone = new Promise<void>((resolve) => serverSocket.on('disconnect', () => resolve()));
    client.close();
    await gone;
    const frames = [eventFrame('e', '{}')];
    expect(writeFrames(serverSocket, frames, concatFrames(frames))).toBe(false);
  });
});
