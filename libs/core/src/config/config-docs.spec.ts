import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SETTINGS } from './config.schema.js';

const root = resolve(import.meta.dirname, '../../../..');

describe('configuration documentation', () => {
  const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
  const envExample = readFileSync(resolve(root, '.env.example'), 'utf8');

  it.each(Object.keys(SETTINGS))('%s is in the README table and .env.example (run `npm run config:docs`)', (name) => {
    expect(readme).toContain(`| \`${name}\` |`);
    expect(envExample).toMatch(new RegExp(`^# ${name}=`, 'm'));
  });
});
