// Ceiling 1: a bare `ws` server that only broadcasts each incoming frame to every client.
import { WebSocketServer, type WebSocket } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
const clients = new Set<WebSocket>();
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
  ws.on('message', (data: Buffer) => {
    for (const c of clients) c.send(data, { binary: false });
  });
});
wss.on('listening', () => process.stdout.write(`LISTENING ${(wss.address() as { port: number }).port}\n`));
