// Regenerates the configuration table in README.md and the .env.example file from the one
// settings list in libs/core (run after `npm run build`: `npm run config:docs`).
import { readFileSync, writeFileSync } from 'node:fs';
import { SETTINGS } from '../libs/core/dist/index.js';

const START = '<!-- config-table:start -->';
const END = '<!-- config-table:end -->';

const rows = Object.entries(SETTINGS).map(([name, spec]) => {
  const def = spec.defaultText === undefined ? '—' : `\`${spec.defaultText}\``;
  return `| \`${name}\` | ${def} | ${spec.description.replace(/\|/g, '\\|')}${spec.secret ? ' *(secret)*' : ''} |`;
});
const table = ['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n');

const readme = readFileSync('README.md', 'utf8');
const a = readme.indexOf(START);
const b = readme.indexOf(END);
if (a === -1 || b === -1) throw new Error('README.md lacks the config-table markers');
writeFileSync('README.md', `${readme.slice(0, a + START.length)}\n${table}\n${readme.slice(b)}`);

const env = ['# Enclave configuration. Every variable is optional; the values shown are the defaults.', '# Generated from libs/core/src/config/config.schema.ts by `npm run config:docs`.', ''];
for (const [name, spec] of Object.entries(SETTINGS)) {
  env.push(`# ${spec.description}`);
  env.push(spec.defaultText === undefined || spec.defaultText.includes('$') ? `# ${name}=` : `# ${name}=${spec.defaultText}`);
  env.push('');
}
writeFileSync('.env.example', env.join('\n'));
console.log(`config docs: ${rows.length} settings written to README.md and .env.example`);
