// Ceiling 3: a bare `ws` server that durably inserts each message into PostgreSQL (one
// autocommit INSERT, synchronous_commit on) and only then broadcasts it.
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';

const url = process.argv[2];
if (!url) throw new Error('usage: ws-postgres.server <postgres-url>');
const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query('CREATE TABLE IF NOT EXISTS bench_message (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
const clients = new Set<WebSocket>();
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
  ws.on('message', (data: Buffer) => {
    void pool.query('INSERT INTO bench_message (body) VALUES ($1)', [data.toString('utf8')]).then(() => {
      for (const c of clients) c.send(data, { binary: false });
    });
  });
});
wss.on('listening', () => process.stdout.write(`LISTENING ${(wss.address() as { port: number }).port}\n`));
