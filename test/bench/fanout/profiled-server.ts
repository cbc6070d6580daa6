/**
 * `node profiled-server.js <entry.js> <out-dir> [args...]`: runs a server entry under the V8 CPU
 * profiler (`--cpu-prof` cannot be passed through NODE_OPTIONS, and the pinned spawner runs plain
 * `node <script>`). SIGUSR2 toggles the profiler: the first starts it, the second writes
 * `<out-dir>/server-<pid>-<n>.cpuprofile`, so a profile covers exactly one measured window (the
 * runner signals at RUNNING and DONE). Without signals nothing is recorded.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, outDir] = process.argv.splice(2, 2);
if (!entry || !outDir) throw new Error('usage: profiled-server <entry.js> <out-dir> [args...]');
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 200 });
let running = false;
let written = 0;
process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    session.post('Profiler.start');
    return;
  }
  running = false;
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(join(outDir, `server-${process.pid}-${++written}.cpuprofile`), JSON.stringify(result.profile));
  });
});
await import(pathToFileURL(entry).href);
