import { describe, expect, it } from '@jest/globals';
import { parseCsv } from './csv-parser.js';
import { ImportHeaderError, readHeader, readRows } from './import-rows.js';

const rowsOf = (text: string) => {
  const [header, ...records] = parseCsv(text);
  return readRows(records, readHeader(header), header.fields.length);
};

describe('import rows', () => {
  it('maps header aliases case-insensitively and splits roles and groups', () => {
    const [first] = rowsOf('Username,EMAIL,Display Name,roles,groups\nLi.Na,li.na@example.com,李娜,member; auditor,Engineering|ops');
    expect(first).toEqual({
      ok: true,
      row: { line: 2, username: 'li.na', email: 'li.na@example.com', displayName: '李娜', roles: ['member', 'auditor'], groups: ['engineering', 'ops'] },
    });
  });

  it('treats empty cells as "leave unchanged"', () => {
    const [first] = rowsOf('username,email,display_name,roles,groups\nbob,,,,');
    expect(first).toEqual({ ok: true, row: { line: 2, username: 'bob', email: undefined, displayName: undefined, roles: undefined, groups: undefined } });
  });

  it('reports each bad row with its line, field and code', () => {
    const results = rowsOf('username,email,display_name\nok-user,ok@example.com,OK\nBad Name,,\nok-user,,\nfine,not-an-email,\nalso-fine,,"evil\u202Ename"\nshort,row');
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'ok',
      'IMPORT_ROW_INVALID_USERNAME',
      'IMPORT_ROW_DUPLICATE_USERNAME',
      'IMPORT_ROW_INVALID_EMAIL',
      'IMPORT_ROW_INVALID_DISPLAY_NAME',
      'IMPORT_ROW_COLUMN_COUNT',
    ]);
    const bad = results[3];
    expect(bad.ok ? undefined : bad.error).toMatchObject({ line: 5, username: 'fine', field: 'email' });
  });

  it.each([
    ['', 'empty'],
    ['email,display_name\nx@example.com,X', 'no "username"'],
    ['username,usernme\nx,y', 'Unknown columns'],
    ['username,Username\nx,y', 'twice'],
  ])('refuses the header of %j', (text, fragment) => {
    const [header] = parseCsv(text);
    expect(() => readHeader(header)).toThrow(ImportHeaderError);
    expect(() => readHeader(header)).toThrow(fragment);
  });
});
