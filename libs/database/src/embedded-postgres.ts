import { mkdirSync, openSync, closeSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) in this process, served on
 * 127.0.0.1 over the PostgreSQL wire protocol so that TypeORM uses the ordinary `pg` driver.
 * One code path and one set of migrations for embedded and production PostgreSQL.
 *
 * PGlite is one session: use exactly one connection at a time (a pool of one). pglite-socket
 * accepts several, but interleaves their extended-protocol messages into that session
 * (electric-sql/pglite#1046), so two connections querying at once can get each other's rows.
 * Code must never query through a second connection from inside a transaction (see
 * TransactionContext): with one connection that waits forever.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lockFile: string,
    readonly url: string,
  ) {}

  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    const root = resolve(dataDir);
    const pgdata = join(root, 'pgdata');
    mkdirSync(pgdata, { recursive: true });
    const lockFile = acquireLock(join(root, 'embedded-db.lock'));
    try {
      const db = await PGlite.create(pgdata);
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
      await server.start();
      const [host, port] = server.getServerConn().split(':');
      return new EmbeddedPostgres(db, server, lockFile, `postgres://postgres@${host}:${port}/postgres?sslmode=disable`);
    } catch (error) {
      releaseLock(lockFile);
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    releaseLock(this.lockFile);
  }
}

export class EmbeddedDatabaseLockedError extends Error {
  constructor(readonly pid: number, dataDir: string) {
    super(`The embedded database in ${dataDir} is in use by process ${pid}. Stop it first, or set DATABASE_URL.`);
  }
}

/** PGlite must have exactly one owner process; a pid lock file guards the data directory. */
function acquireLock(path: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new EmbeddedDatabaseLockedError(pid, resolve(path, '..'));
      }
      unlinkSync(path); // stale lock from a crashed process
    }
  }
  throw new Error(`Could not lock ${path}`);
}

function releaseLock(path: string): void {
  try {
    if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
