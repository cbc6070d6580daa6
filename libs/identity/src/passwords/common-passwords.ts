import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The shipped list lives in libs/identity/data, outside src/ and dist/: both
 * src/passwords/ and dist/passwords/ sit two levels below the package root, so one
 * relative URL works for the compiled library and for tests running the sources.
 */
export const COMMON_PASSWORDS_FILE = fileURLToPath(new URL('../../data/common-passwords.txt', import.meta.url));

/** Loads the list into a Set of lower-cased entries (~110k; a few MB, read once at start). */
export function loadCommonPasswords(file: string = COMMON_PASSWORDS_FILE): ReadonlySet<string> {
  const set = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const entry = line.trim();
    if (entry && !entry.startsWith('#')) set.add(entry.toLowerCase());
  }
  return set;
}
