import { describe, expect, it } from '@jest/globals';
import { codePointLength, isBlank } from './message-text.js';

describe('codePointLength', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('hello')).toBe(5);
    expect(codePointLength('产品讨论')).toBe(4);
    expect(codePointLength('😀')).toBe(1);
    expect('😀'.length).toBe(2);
    expect(codePointLength('a😀b𠀀')).toBe(4);
    expect(codePointLength('')).toBe(0);
  });

  it('counts a lone surrogate as one', () => {
    expect(codePointLength('\ud83d')).toBe(1);
    expect(codePointLength('x\ude00y')).toBe(3);
  });

  it('agrees with the spread operator on long mixed text', () => {
    const text = '中文😀english🇨🇳'.repeat(1000);
    expect(codePointLength(text)).toBe([...text].length);
  });
});

describe('isBlank', () => {
  it('treats whitespace of every kind as blank', () => {
    expect(isBlank('')).toBe(true);
    expect(isBlank(' \n\t')).toBe(true);
    expect(isBlank('\u3000\u200b')).toBe(true);
    expect(isBlank(' x ')).toBe(false);
    expect(isBlank('你')).toBe(false);
  });
});
