/**
 * `node profiled-server.js <entry.js> <out-dir>`: runs a server entry under the V8 CPU profiler
 * and writes `<out-dir>/server-<pid>.cpuprofile` when the process exits (`--cpu-prof` cannot
 * be passed through NODE_OPTIONS, and the pinned spawner runs plain `node <script>`).
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, outDir] = process.argv.splice(2, 2);
if (!entry || !outDir) throw new Error('usage: profiled-server <entry.js> <out-dir>');
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 200 });
session.post('Profiler.start');
process.on('exit', () => {
  // Main-thread inspector sessions answer synchronously, so this completes inside 'exit'.
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(join(outDir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
await import(pathToFileURL(entry).href);
