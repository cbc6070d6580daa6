import { describe, expect, it } from '@jest/globals';
import { canonicalLocale, canonicalTimeZone, isValidDisplayName, isValidUsername, normaliseUsername } from './identity-validation.js';

describe('identity validation', () => {
  it.each(['alice', 'bob.smith', 'li_wei', 'x-1', '007'])('accepts the username %s', (u) => expect(isValidUsername(u)).toBe(true));
  it.each(['al', 'Alice', '.alice', 'ali ce', '张伟', 'a'.repeat(33), 'alice@example'])('refuses the username %s', (u) =>
    expect(isValidUsername(u)).toBe(false),
  );

  it('normalises usernames to trimmed lower case', () => {
    expect(normaliseUsername('  Alice ')).toBe('alice');
  });

  it('accepts any script in display names but not control or bidi-override characters', () => {
    expect(isValidDisplayName('张伟')).toBe(true);
    expect(isValidDisplayName('Zoë 👩‍💻')).toBe(true);
    expect(isValidDisplayName('   ')).toBe(false);
    expect(isValidDisplayName('evil\u202Egnp.exe')).toBe(false);
    expect(isValidDisplayName('line\nbreak')).toBe(false);
    expect(isValidDisplayName('x'.repeat(65))).toBe(false);
  });

  it('canonicalises locales', () => {
    expect(canonicalLocale('zh-cn')).toBe('zh-CN');
    expect(canonicalLocale('en')).toBe('en');
    expect(canonicalLocale('not a locale')).toBeUndefined();
    expect(canonicalLocale('')).toBeUndefined();
  });

  it('accepts IANA time zones (and UTC) but not offsets or junk', () => {
    expect(canonicalTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
    expect(canonicalTimeZone('+08:00')).toBeUndefined();
    expect(canonicalTimeZone('Asia/Shanghai; DROP TABLE')).toBeUndefined();
  });
});
