/**
 * `npm run bench -- <name> [args]` runs test/bench/<name>.bench.ts (compiled to dist);
 * `npm run bench` alone lists the benchmarks. Benchmarks print figures; nothing asserts on time.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .map((f) => f.replace(/\.bench\.js$/, ''))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.log(`usage: npm run bench -- <${available.join('|')}> [args]`);
  process.exit(name ? 2 : 0);
}

interface BenchModule {
  run(args: string[]): Promise<void>;
}

const bench = (await import(`./${name}.bench.js`)) as BenchModule;
await bench.run(args);
process.exit(0);
