import { describe, expect, it } from '@jest/globals';
import { CsvSyntaxError, CsvTooManyRecordsError, decodeUtf8, parseCsv } from './csv-parser.js';

describe('parseCsv', () => {
  it('reads plain rows, CRLF and LF, a BOM, and skips blank lines', () => {
    const text = '\uFEFFusername,email\r\nalice,a@example.com\n\nbob,b@example.com\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['username', 'email'] },
      { line: 2, fields: ['alice', 'a@example.com'] },
      { line: 4, fields: ['bob', 'b@example.com'] },
    ]);
  });

  it('handles quoted fields with commas, doubled quotes, line breaks and CJK text', () => {
    const text = 'a,b,c\n"张, 伟","say ""hi""","line one\nline two"\nlast,"",x';
    const records = parseCsv(text);
    expect(records[1]).toEqual({ line: 2, fields: ['张, 伟', 'say "hi"', 'line one\nline two'] });
    expect(records[2]).toEqual({ line: 4, fields: ['last', '', 'x'] });
  });

  it('keeps empty fields and a final record without newline', () => {
    expect(parseCsv('a,,c\n,,')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['', '', ''] },
    ]);
  });

  it.each([
    ['a,"unterminated\nb,c', 1],
    ['a,b\nx"y,z', 2],
    ['a,"closed"junk', 1],
  ])('refuses %j with the line of the problem', (text, line) => {
    expect(() => parseCsv(text)).toThrow(CsvSyntaxError);
    try {
      parseCsv(text);
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(line);
    }
  });

  it('stops at the record limit', () => {
    expect(() => parseCsv('a\nb\nc\n', 2)).toThrow(CsvTooManyRecordsError);
    expect(parseCsv('a\nb\n', 2)).toHaveLength(2);
  });

  it('decodes strict UTF-8 only', () => {
    expect(decodeUtf8(Buffer.from('李娜,ok', 'utf8'))).toBe('李娜,ok');
    expect(decodeUtf8(Buffer.from([0xc0, 0xaf, 0x41]))).toBeUndefined();
    expect(decodeUtf8(Buffer.from([0xe4, 0xb8]))).toBeUndefined();
  });
});
