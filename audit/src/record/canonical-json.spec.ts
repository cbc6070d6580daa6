import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }], c: { z: null, y: true } })).toBe('{"a":[{"c":"x","d":2}],"b":1,"c":{"y":true,"z":null}}');
  });

  it('is independent of insertion order', () => {
    const one = { user: { name: 'a', id: 1 }, list: [3, 1, 2], at: 'x' };
    const two = { at: 'x', list: [3, 1, 2], user: { id: 1, name: 'a' } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('keeps array order (order is data)', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('writes dates as ISO strings and leaves out undefined members', () => {
    expect(canonicalJson({ when: new Date('2026-11-01T12:00:00.123Z'), gone: undefined, list: [undefined, 1] })).toBe('{"list":[null,1],"when":"2026-11-01T12:00:00.123Z"}');
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 1, B: 2, é: 3, a: 4, '10': 5, '9': 6 })).toBe('{"10":5,"9":6,"B":2,"a":4,"b":1,"é":3}');
  });

  it('escapes strings exactly as JSON.stringify does', () => {
    const s = 'quote " backslash \\ newline \n tab \t 中文 🎉 \u2028';
    expect(canonicalJson({ s })).toBe(`{"s":${JSON.stringify(s)}}`);
    expect(JSON.parse(canonicalJson({ s }))).toEqual({ s });
  });

  it('formats numbers like ECMAScript', () => {
    expect(canonicalJson([1, 1.5, -0, 1e21, 0.1, 1e-7])).toBe('[1,1.5,0,1e+21,0.1,1e-7]');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a bigint', 10n],
    ['a function', () => 1],
    ['undefined', undefined],
    ['an invalid date', new Date('nope')],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('round-trips: parse then encode gives the same text', () => {
    const text = canonicalJson({ z: [1, { y: 'a', x: null }], a: { c: false, b: 2.25 } });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
});
