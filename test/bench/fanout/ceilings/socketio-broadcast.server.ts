// Ceiling 2: a bare socket.io server that only broadcasts each incoming event to everyone.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });
io.on('connection', (socket) => {
  socket.on('m', (data: unknown, ack?: (r: unknown) => void) => {
    io.emit('m', data);
    ack?.({ ok: true });
  });
});
http.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${(http.address() as { port: number }).port}\n`));
