import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtInRoleTableMarkdown } from './role-table.js';

describe('built-in role table', () => {
  it('is documented in libs/authz/README.md exactly as the code defines it', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(builtInRoleTableMarkdown());
  });
});
