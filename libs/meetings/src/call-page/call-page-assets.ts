import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface CallPageAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** What the page may load, by the name it asks for; nothing else is served. */
const FILES: Record<string, { readonly file: string; readonly contentType: string }> = {
  'index.html': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  'call.js': { file: 'call.js', contentType: 'text/javascript; charset=utf-8' },
  'call.css': { file: 'call.css', contentType: 'text/css; charset=utf-8' },
};
const SOCKET_IO_BUNDLE = 'socket.io.esm.min.js';

/**
 * The call page's files, read once. They live beside the source (`src/call-page/assets`), and
 * tsc does not copy them: running from `dist` they are read from `src` (present in every
 * checkout), unless a packaging step copied them next to the compiled controller.
 */
export class CallPageAssets {
  private readonly assets = new Map<string, CallPageAsset>();

  constructor(directory = CallPageAssets.directory()) {
    for (const [name, { file, contentType }] of Object.entries(FILES)) {
      this.assets.set(name, { body: readFileSync(join(directory, file)), contentType });
    }
    // socket.io-client's `exports` hide the dist bundle, so resolve the package and go from its root.
    const socketIoRoot = dirname(createRequire(import.meta.url).resolve('socket.io-client/package.json'));
    this.assets.set(SOCKET_IO_BUNDLE, { body: readFileSync(join(socketIoRoot, 'dist', SOCKET_IO_BUNDLE)), contentType: 'text/javascript; charset=utf-8' });
  }

  get(name: string): CallPageAsset | undefined {
    return this.assets.get(name);
  }

  static directory(): string {
    const here = import.meta.dirname;
    const candidates = [join(here, 'assets'), join(here, '../../src/call-page/assets')];
    const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
    if (!found) throw new Error(`call page assets not found (looked in ${candidates.join(', ')})`);
    return found;
  }
}
