/**
 * The helper processes of the browser tier and the join-latency bench, each started on a free
 * loopback port inside their network namespace and stopped by whoever started it: a Redis of its
 * own (the host's is not reachable from the namespace) and coturn with a throw-away config. Lives
 * with the bench because its tsconfig cannot reach test/browser (as chromium-launch.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface Daemon {
  readonly name: string;
  output(): string;
  stop(): Promise<void>;
}

/** A port free for TCP and UDP on 127.0.0.1 (coturn listens on both). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

/** Spawns `command` and resolves once its output (or `logFile`) matches `ready`. */
export function startDaemon(name: string, command: string, args: readonly string[], ready: RegExp, logFile?: string, timeoutMs = 20_000): Promise<Daemon> {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-200_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-200_000)));
  const read = () => (logFile ? safeRead(logFile) : '') + output;
  const daemon: Daemon = {
    name,
    output: read,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (ready.test(read())) {
        done();
        resolve(daemon);
      }
    }, 50);
    const timer = setTimeout(() => {
      done();
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${read().slice(-3000)}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`${name} exited with ${code} before it was ready:\n${read().slice(-3000)}`));
    };
    child.once('exit', onExit);
    child.once('error', (error) => {
      done();
      reject(new Error(`${name} could not start: ${error.message}`));
    });
    function done() {
      clearInterval(poll);
      clearTimeout(timer);
      child.off('exit', onExit);
    }
  });
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export interface RedisDaemon extends Daemon {
  readonly url: string;
}

/** A Redis that keeps nothing on disk; its data dies with it, so nothing needs cleaning. */
export async function startRedis(): Promise<RedisDaemon> {
  const port = await freePort();
  const daemon = await startDaemon('redis-server', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], /Ready to accept connections/);
  return { ...daemon, url: `redis://127.0.0.1:${port}` };
}

export interface CoturnDaemon extends Daemon {
  readonly port: number;
  /** What the server hands out (MEETINGS_TURN_URLS). */
  readonly url: string;
  readonly logFile: string;
}

/**
 * coturn as deploy/coturn/turnserver.conf sets it up (use-auth-secret), but on 127.0.0.1 with
 * `allow-loopback-peers`: the SFU it relays to is on loopback too. Never in production.
 */
export async function startCoturn(dir: string, secret: string): Promise<CoturnDaemon> {
  const port = await freePort();
  const relayMin = 51000;
  const config = join(dir, 'turnserver.conf');
  const logFile = join(dir, 'turnserver.log');
  writeFileSync(
    config,
    [
      'use-auth-secret',
      `static-auth-secret=${secret}`,
      'realm=enclave.test',
      'fingerprint',
      `listening-port=${port}`,
      'listening-ip=127.0.0.1',
      'relay-ip=127.0.0.1',
      `min-port=${relayMin}`,
      `max-port=${relayMin + 999}`,
      'allow-loopback-peers',
      'no-multicast-peers',
      'no-tls',
      'no-dtls',
      'no-cli',
      'no-software-attribute',
      `userdb=${join(dir, 'turndb')}`,
      `log-file=${logFile}`,
      'simple-log',
      // Logs each allocation and each refused credential (401), which the tests read.
      'verbose',
      'no-stdout-log',
      `pidfile=${join(dir, 'turnserver.pid')}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const daemon = await startDaemon('turnserver', 'turnserver', ['-c', config], /Total General servers/, logFile);
  return { ...daemon, port, url: `turn:127.0.0.1:${port}?transport=udp`, logFile };
}
